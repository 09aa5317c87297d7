using System.Buffers.Binary;
using System.Text;

namespace CaseManager.Infrastructure.Demo;

/// <summary>
/// Small generated captures (pcap, raw IPv4, link type 101) for the demo data: nothing is read from disk, so the demo
/// seed works in any installation and in milliseconds.
/// </summary>
public static class DemoCaptures
{
    public const uint Epoch = 1_764_300_000;

    /// <summary>One DNS query for <paramref name="name"/> from 10.0.0.5 to 8.8.8.8.</summary>
    public static byte[] DnsQuery(string name, uint epochSeconds = Epoch)
    {
        var dns = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            dns.Add((byte)label.Length);
            dns.AddRange(Encoding.ASCII.GetBytes(label));
        }

        dns.AddRange([0, 0, 1, 0, 1]);
        using var file = new MemoryStream();
        using var w = Header(file);
        Packet(w, Udp([10, 0, 0, 5], [8, 8, 8, 8], 53001, 53, [.. dns]), epochSeconds, 0);
        w.Flush();
        return file.ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> UDP conversations, each from its own source address and port: conversation i sends
    /// its first packet at i × 10 ms and, when i is even, a second one (i mod 50) × 100 ms later, so conversations
    /// overlap and span several time slices (<paramref name="count"/> rows in the conversations table).
    /// </summary>
    public static byte[] ManyFlows(int count)
    {
        var packets = new List<(long Micros, byte[] Ip)>(count * 2);
        for (var i = 0; i < count; i++)
        {
            byte[] source = [10, 1, (byte)(i >> 8), (byte)i];
            byte[] destination = [192, 0, 2, (byte)(1 + (i % 200))];
            var ip = Udp(source, destination, (ushort)(20000 + (i % 40000)), 9999, [1, 2, 3, 4]);
            var first = i * 10_000L;
            packets.Add((first, ip));
            if (i % 2 == 0)
            {
                packets.Add((first + ((i % 50) * 100_000L), ip));
            }
        }

        using var file = new MemoryStream();
        using var w = Header(file);
        foreach (var (micros, ip) in packets.OrderBy(p => p.Micros))
        {
            Packet(w, ip, Epoch + (uint)(micros / 1_000_000), (uint)(micros % 1_000_000));
        }

        w.Flush();
        return file.ToArray();
    }

    private static BinaryWriter Header(MemoryStream file)
    {
        var w = new BinaryWriter(file, Encoding.ASCII, leaveOpen: true);
        w.Write(0xa1b2c3d4u);
        w.Write((ushort)2);
        w.Write((ushort)4);
        w.Write(0);
        w.Write(0u);
        w.Write(65535u);
        w.Write(101u);
        return w;
    }

    private static void Packet(BinaryWriter w, byte[] ip, uint seconds, uint micros)
    {
        w.Write(seconds);
        w.Write(micros);
        w.Write((uint)ip.Length);
        w.Write((uint)ip.Length);
        w.Write(ip);
    }

    private static byte[] Udp(byte[] source, byte[] destination, ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var udpLength = 8 + payload.Length;
        var ip = new byte[20 + udpLength];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = 17;
        source.CopyTo(ip, 12);
        destination.CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(22), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(24), (ushort)udpLength);
        payload.CopyTo(ip, 28);
        return ip;
    }
}
