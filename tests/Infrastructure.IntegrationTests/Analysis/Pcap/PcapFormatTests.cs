using System.Buffers.Binary;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Container formats and link types not all present in the shared captures: a real capture is rewritten
/// (pcap byte orders and resolutions, pcapng with several interfaces and block kinds, other link layers)
/// and must give the same conversations as the original.
/// </summary>
public sealed class PcapFormatTests
{
    private const string Source = "markofu_ppa-http.cap";

    private static TrafficAnalysisResult Analyze(byte[] capture)
    {
        using var stream = new MemoryStream(capture);
        return new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static List<string> Shape(TrafficAnalysisResult r, int bytesPerPacketDelta = 0) =>
        r.Conversations.Select(c => $"{c.Protocol} {c.Stream} {c.A}->{c.B} {c.PacketsAToB}/{c.BytesAToB - (c.PacketsAToB * bytesPerPacketDelta)} {c.PacketsBToA}/{c.BytesBToA - (c.PacketsBToA * bytesPerPacketDelta)} {c.Syn}{c.SynAck}{c.Fin}{c.Rst}").ToList();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Pcap_byte_orders_and_resolutions_read_alike(bool bigEndian, bool nanoseconds)
    {
        var original = TestCaptures.Analyze(Source);
        var packets = CaptureBuilder.ReadClassicPcap(TestCaptures.PathOf(Source))
            .Select(p => p with { TimeNanos = p.TimeNanos + (nanoseconds ? 123 : 0) })
            .ToList();

        var result = Analyze(CaptureBuilder.Pcap(packets, 1, bigEndian, nanoseconds));

        result.Kind.ShouldBe("pcap");
        result.Warnings.ShouldBeEmpty();
        Shape(result).ShouldBe(Shape(original));
        result.Http.Select(h => (h.Frame, h.Uri)).ShouldBe(original.Http.Select(h => (h.Frame, h.Uri)));
        result.Dns.Count.ShouldBe(original.Dns.Count);
        var expectedFirst = packets.Min(p => p.TimeNanos);
        result.FirstSeen!.Value.TotalNanoseconds.ShouldBe(expectedFirst);
        result.FirstSeen!.Value.ToString().ShouldEndWith(nanoseconds ? "123Z" : "000Z");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pcapng_with_several_interfaces_resolutions_and_unknown_blocks(bool bigEndian)
    {
        var original = TestCaptures.Analyze(Source);
        var packets = CaptureBuilder.ReadClassicPcap(TestCaptures.PathOf(Source))
            .Select(p => p with { TimeNanos = p.TimeNanos + 789 })
            .ToList();
        CaptureBuilder.Interface[] interfaces = [new(1, 9), new(1, 6), new(1, 0x80 | 20)];

        var result = Analyze(CaptureBuilder.Pcapng(packets, interfaces, bigEndian, obsoleteEvery: 5));

        result.Kind.ShouldBe("pcapng");
        result.Warnings.ShouldBeEmpty();
        result.Packets.ShouldBe(packets.Count);
        Shape(result).ShouldBe(Shape(original));
        result.Http.Select(h => (h.Frame, h.Host, h.Uri)).ShouldBe(original.Http.Select(h => (h.Frame, h.Host, h.Uri)));

        // Interfaces take turns: nanoseconds are exact, microseconds truncated, 2^-20 s ticks within a microsecond.
        foreach (var conversation in result.Conversations)
        {
            var sent = packets[(int)conversation.FirstFrame - 1].TimeNanos;
            var seen = conversation.FirstSeen.TotalNanoseconds;
            switch ((conversation.FirstFrame - 1) % 3)
            {
                case 0: seen.ShouldBe(sent); break;
                case 1: seen.ShouldBe(sent / 1000 * 1000); break;
                default: Math.Abs(seen - sent).ShouldBeLessThan(1000); break;
            }
        }

        result.FirstSeen!.Value.TotalNanoseconds.ShouldBe(packets[0].TimeNanos);
    }

    [Fact]
    public void Pcapng_simple_packet_blocks_are_read()
    {
        var original = TestCaptures.Analyze(Source);
        var packets = CaptureBuilder.ReadClassicPcap(TestCaptures.PathOf(Source));

        var result = Analyze(CaptureBuilder.PcapngSimple(packets, 1));

        result.Packets.ShouldBe(packets.Count);
        result.Conversations.Select(c => (c.A, c.B, c.PacketsAToB, c.BytesAToB, c.PacketsBToA, c.BytesBToA))
            .ShouldBe(original.Conversations.Select(c => (c.A, c.B, c.PacketsAToB, c.BytesAToB, c.PacketsBToA, c.BytesBToA)));
    }

    public static TheoryData<string> LinkLayers() => new() { "sll", "sll2", "raw", "ipv4", "null", "loop", "ppp", "ppp-hdlc", "vlan", "qinq", "pppoe" };

    [Theory]
    [MemberData(nameof(LinkLayers))]
    public void Link_layers_give_the_same_conversations(string layer)
    {
        var original = TestCaptures.Analyze(Source);
        var packets = CaptureBuilder.ReadClassicPcap(TestCaptures.PathOf(Source));
        var (linkType, header) = layer switch
        {
            "sll" => (113, (Func<ushort, byte[]>)(t => [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, (byte)(t >> 8), (byte)t])),
            "sll2" => (276, t => [(byte)(t >> 8), (byte)t, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0]),
            "raw" => (101, _ => []),
            "ipv4" => (228, _ => []),
            "null" => (0, _ => [2, 0, 0, 0]),
            "loop" => (108, _ => [0, 0, 0, 2]),
            "ppp" => (9, _ => [0xFF, 0x03, 0x00, 0x21]),
            "ppp-hdlc" => (50, _ => [0x00, 0x21]),
            "vlan" => (1, t => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x81, 0x00, 0x00, 0x05, (byte)(t >> 8), (byte)t]),
            "qinq" => (1, t => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x88, 0xA8, 0x00, 0x64, 0x81, 0x00, 0x00, 0x05, (byte)(t >> 8), (byte)t]),
            "pppoe" => (1, _ => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x88, 0x64, 0x11, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x21]),
            _ => throw new ArgumentOutOfRangeException(nameof(layer)),
        };
        var delta = header(0x0800).Length - 14;
        var rewritten = packets.Select(p =>
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(p.Data.AsSpan(12));
            type.ShouldBe((ushort)0x0800);
            byte[] data = [.. header(type), .. p.Data.AsSpan(14)];
            return p with { Data = data, OriginalLength = p.OriginalLength + delta };
        }).ToList();

        var result = Analyze(CaptureBuilder.Pcap(rewritten, linkType, bigEndian: false, nanoseconds: false));

        Shape(result, delta).ShouldBe(Shape(original));
        result.Http.Count.ShouldBe(original.Http.Count);
        result.Dns.Count.ShouldBe(original.Dns.Count);
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked_to_tcp()
    {
        byte[][] packets =
        [
            PacketFactory.Ip("2001:db8::1", "2001:db8::2", 6, PacketFactory.Tcp("10.0.0.1", "10.0.0.2", 40000, 80, 100, 0, PacketFactory.Syn)[20..], ipv6ExtensionHeaders: true),
            PacketFactory.Ip("2001:db8::2", "2001:db8::1", 6, PacketFactory.Tcp("10.0.0.2", "10.0.0.1", 80, 40000, 500, 101, PacketFactory.Syn | PacketFactory.Ack)[20..], ipv6ExtensionHeaders: true),
        ];

        var result = Analyze(PacketFactory.RawCapture(packets));

        var conversation = result.Conversations.ShouldHaveSingleItem();
        conversation.Protocol.ShouldBe("tcp");
        conversation.A.ShouldBe(new TrafficEndpoint("2001:db8::1", 40000));
        conversation.B.ShouldBe(new TrafficEndpoint("2001:db8::2", 80));
        (conversation.Syn, conversation.SynAck).ShouldBe((1, 1));
    }

    [Fact]
    public void Ipv4_fragments_are_counted_and_reassembled_on_the_completing_frame()
    {
        var dns = new byte[] { 0, 7, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 4, (byte)'l', (byte)'o', (byte)'n', (byte)'g', 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 0, 0, 1, 0, 1 }
            .Concat(new byte[40]).ToArray();
        var udp = PacketFactory.Udp("10.0.0.53", "10.0.0.2", 53, 6000, dns)[20..];
        byte[][] packets =
        [
            PacketFactory.Ip("10.0.0.53", "10.0.0.2", 17, udp[40..], fragmentField: 40 / 8, id: 7), // last piece first
            PacketFactory.Ip("10.0.0.9", "10.0.0.2", 17, udp[..16], fragmentField: 0x2000, id: 7), // other source: never completes
            PacketFactory.Ip("10.0.0.53", "10.0.0.2", 17, udp[..40], fragmentField: 0x2000, id: 7),
        ];

        var result = Analyze(PacketFactory.RawCapture(packets));

        result.IpFragments.ShouldBe(3);
        var conversation = result.Conversations.ShouldHaveSingleItem();
        (conversation.Protocol, conversation.FirstFrame, conversation.PacketsAToB, conversation.BytesAToB).ShouldBe(("udp", 3L, 1L, 60L));
        var message = result.Dns.ShouldHaveSingleItem();
        (message.Frame, message.IsResponse, message.Questions.ShouldHaveSingleItem().Name).ShouldBe((3L, true, "long.example"));
        var server = result.Hosts.Single(h => h.Ip == "10.0.0.53");
        (server.PacketsSent, server.BytesSent).ShouldBe((2L, (long)(packets[0].Length + packets[2].Length)));
    }

    [Fact]
    public void Ipv6_fragments_are_reassembled()
    {
        var tcp = PacketFactory.Tcp("10.0.0.1", "10.0.0.2", 40000, 80, 100, 0, PacketFactory.Syn, new byte[64])[20..];
        byte[] Fragment(byte[] piece, int offset, bool more)
        {
            byte[] header = [6, 0, (byte)(offset >> 8), (byte)((offset & 0xF8) | (more ? 1 : 0)), 0, 0, 0x12, 0x34];
            var packet = PacketFactory.Ip("2001:db8::1", "2001:db8::2", 44, [.. header, .. piece]);
            return packet;
        }

        var result = Analyze(PacketFactory.RawCapture([Fragment(tcp[..48], 0, true), Fragment(tcp[48..], 48, false)]));

        result.IpFragments.ShouldBe(2);
        var conversation = result.Conversations.ShouldHaveSingleItem();
        (conversation.Protocol, conversation.A.Ip, conversation.B.Port, conversation.Syn, conversation.FirstFrame).ShouldBe(("tcp", "2001:db8::1", 80, 1, 2L));
    }
}
