using CaseManager.Application.Analysis.Traffic;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Tunnels decoded to the inner conversation (the well-formed cases are the truth-tested captures in <c>Captures/</c>);
/// here damaged and absurd tunnels: partial results, a coded warning, bounded work.
/// </summary>
public sealed class TunnelTests
{
    private static readonly byte[] InnerDns = PacketFactory.Udp("10.10.0.5", "10.10.0.53", 40000, 53,
        [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0, 0, 1, 0, 1]);

    private static TrafficAnalysisResult Analyze(params byte[][] packets)
    {
        using var stream = new MemoryStream(PacketFactory.RawCapture(packets));
        return new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static byte[] Gre(ushort type, byte[] inner) => PacketFactory.Ip("192.0.2.1", "192.0.2.2", 47, [0, 0, (byte)(type >> 8), (byte)type, .. inner]);

    private static byte[] Gtp(byte[] header, byte[] inner) => PacketFactory.Udp("192.0.2.1", "192.0.2.2", 2152, 2152, [.. header, .. inner]);

    [Fact]
    public void Gtp_extension_headers_are_followed_to_the_inner_packet()
    {
        // E flag, sequence word with next type 0x85, one 4-byte PDU session container, then the end of the chain.
        var result = Analyze(Gtp([0x34, 255, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x85, 1, 0x10, 5, 0], InnerDns));

        result.Dns.ShouldHaveSingleItem().Questions.ShouldHaveSingleItem().Name.ShouldBe("a");
        result.Conversations.Select(c => $"{c.A}-{c.B}").ShouldBe(["192.0.2.1:2152-192.0.2.2:2152", "10.10.0.5:40000-10.10.0.53:53"], ignoreOrder: true);
        result.Hosts.Select(h => h.Ip).ShouldBe(["10.10.0.5", "10.10.0.53"], ignoreOrder: true);
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Gtp_extension_pointing_past_the_packet_keeps_the_outer_conversation_and_warns()
    {
        var result = Analyze(
            Gtp([0x34, 255, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x85, 200, 0x10, 5, 0], InnerDns),
            Gtp([0x34, 255, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x85, 0, 0, 0, 0], InnerDns));

        result.Dns.ShouldBeEmpty();
        result.Conversations.ShouldHaveSingleItem().PacketsAToB.ShouldBe(2);
        result.Hosts.Select(h => h.Ip).ShouldBe(["192.0.2.1", "192.0.2.2"], ignoreOrder: true);
        result.Warnings.ShouldContain(w => w.Contains("2 packet(s) had a cut or inconsistent tunnel header", StringComparison.Ordinal));
    }

    [Fact]
    public void Mpls_stack_that_never_ends_is_bounded_and_warned()
    {
        var endless = Enumerable.Repeat(new byte[] { 0, 1, 0, 64 }, 10_000).SelectMany(b => b).ToArray();
        var cut = new byte[] { 0, 1, 0, 64, 0, 1 };
        var result = Analyze(Gre(0x8847, endless), Gre(0x8847, cut), Gre(0x8847, [0, 1, 1, 64, .. InnerDns]));

        result.Dns.ShouldHaveSingleItem();
        result.Hosts.Single(h => h.Ip == "192.0.2.1").PacketsSent.ShouldBe(2);
        result.Warnings.ShouldContain(w => w.Contains("2 packet(s) had a cut or inconsistent tunnel header", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_vxlan_geneve_and_erspan_count_for_the_outer_layers()
    {
        var result = Analyze(
            PacketFactory.Udp("192.0.2.1", "192.0.2.2", 50000, 4789, [8, 0, 0, 0, 0, 0, 42, 0, 2, 0, 0]),
            PacketFactory.Udp("192.0.2.1", "192.0.2.2", 50001, 6081, [0x3F, 0, 0x65, 0x58, 0, 0, 7, 0]),
            Gre(0x22EB, [0x20, 0, 0, 4]));

        result.Packets.ShouldBe(3);
        result.Conversations.Count.ShouldBe(2);
        result.Hosts.Select(h => h.Ip).ShouldBe(["192.0.2.1", "192.0.2.2"], ignoreOrder: true);
        result.Warnings.ShouldContain(w => w.Contains("3 packet(s) had a cut or inconsistent tunnel header", StringComparison.Ordinal));
    }

    [Fact]
    public void Nesting_deeper_than_any_real_network_stops_at_the_limit_and_warns()
    {
        var packet = InnerDns;
        for (var i = 0; i < 200; i++)
        {
            packet = i % 2 == 0 ? Gre(0x0800, packet) : PacketFactory.Udp("192.0.2.1", "192.0.2.2", 50000, 4789, [8, 0, 0, 0, 0, 0, 42, 0, .. EthernetHeader(), .. packet]);
        }

        var result = Analyze(packet, Gre(0x0800, Gre(0x0800, InnerDns)));

        result.Dns.ShouldHaveSingleItem();
        result.Warnings.ShouldContain(w => w.Contains($"nested tunnels deeper than {PacketDecoder.MaxTunnelDepth} levels", StringComparison.Ordinal));
    }

    [Fact]
    public void Ordinary_datagrams_on_tunnel_ports_stay_plain_udp()
    {
        var query = InnerDns[28..];
        var result = Analyze(
            PacketFactory.Udp("10.0.0.7", "10.0.0.1", 4789, 53, query),
            PacketFactory.Udp("10.0.0.7", "10.0.0.1", 6081, 53, query),
            PacketFactory.Udp("10.0.0.7", "10.0.0.1", 2152, 53, query));

        result.Dns.Count.ShouldBe(3);
        result.Conversations.Count.ShouldBe(3);
        result.Warnings.ShouldBeEmpty();
    }

    private static byte[] EthernetHeader() => [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
}
