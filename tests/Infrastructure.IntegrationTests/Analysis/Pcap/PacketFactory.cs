using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>Builds raw IPv4/IPv6 packets (link type 228/229/101) for scenario tests.</summary>
internal static class PacketFactory
{
    public const int Fin = 0x01;
    public const int Syn = 0x02;
    public const int Rst = 0x04;
    public const int Psh = 0x08;
    public const int Ack = 0x10;
    public const int Urg = 0x20;

    public static byte[] Tcp(string src, string dst, int srcPort, int dstPort, uint seq, uint ack, int flags, ReadOnlySpan<byte> payload = default)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), ack);
        tcp[12] = 5 << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp.AsSpan(20));
        return Ip(src, dst, 6, tcp);
    }

    public static byte[] Udp(string src, string dst, int srcPort, int dstPort, ReadOnlySpan<byte> payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp.AsSpan(8));
        return Ip(src, dst, 17, udp);
    }

    /// <summary>An IPv4 or IPv6 header (by the address family) around <paramref name="payload"/>; IPv6 may carry extension headers.</summary>
    public static byte[] Ip(string src, string dst, byte protocol, byte[] payload, bool ipv6ExtensionHeaders = false, ushort fragmentField = 0, ushort id = 1)
    {
        var s = IPAddress.Parse(src).GetAddressBytes();
        var d = IPAddress.Parse(dst).GetAddressBytes();
        if (s.Length == 4)
        {
            var packet = new byte[20 + payload.Length];
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), fragmentField);
            packet[8] = 64;
            packet[9] = protocol;
            s.CopyTo(packet, 12);
            d.CopyTo(packet, 16);
            payload.CopyTo(packet, 20);
            return packet;
        }

        byte[] extensions = ipv6ExtensionHeaders
            ? [60, 0, 1, 4, 0, 0, 0, 0, /* hop-by-hop -> destination options */ protocol, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
            : [];
        var v6 = new byte[40 + extensions.Length + payload.Length];
        v6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(v6.AsSpan(4), (ushort)(extensions.Length + payload.Length));
        v6[6] = ipv6ExtensionHeaders ? (byte)0 : protocol;
        v6[7] = 64;
        s.CopyTo(v6, 8);
        d.CopyTo(v6, 24);
        extensions.CopyTo(v6, 40);
        payload.CopyTo(v6, 40 + extensions.Length);
        return v6;
    }

    /// <summary>Wraps raw IP packets as a nanosecond pcap with link type 101 (raw IP), one millisecond apart.</summary>
    public static byte[] RawCapture(IEnumerable<byte[]> packets, long startSeconds = 1_700_000_000, long stepNanos = 1_000_000) =>
        CaptureBuilder.Pcap(packets.Select((p, i) => new TestPacket((startSeconds * 1_000_000_000L) + (i * stepNanos), p.Length, p)), 101, bigEndian: false, nanoseconds: true);

    /// <summary>A DNS query (one question, type A, class IN) with the given id, as a UDP payload.</summary>
    public static byte[] DnsQuery(ushort id, string name)
    {
        var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange([0, 0, 1, 0, 1]);
        return [.. bytes];
    }

    /// <summary>The TCP payload of an Ethernet/IPv4 frame, or nothing when the frame is not IPv4 TCP.</summary>
    public static byte[] TcpPayload(byte[] frame)
    {
        if (frame.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) != 0x0800 || frame[23] != 6)
        {
            return [];
        }

        var ip = frame.AsSpan(14);
        var ipHeader = (ip[0] & 0x0F) * 4;
        var total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        var tcpHeader = (ip[ipHeader + 12] >> 4) * 4;
        return ip[(ipHeader + tcpHeader)..total].ToArray();
    }
}
