using System.Buffers.Binary;
using System.Text;

namespace CaseManager.Tests.Shared;

/// <summary>Builds a small pcap (raw IPv4, link type 101) holding one DNS query, for names no shared capture contains.</summary>
public static class TinyCapture
{
    public static byte[] DnsQuery(string name, uint epochSeconds = 1_764_300_000)
    {
        var dns = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            dns.Add((byte)label.Length);
            dns.AddRange(Encoding.ASCII.GetBytes(label));
        }

        dns.AddRange([0, 0, 1, 0, 1]);
        var udpLength = 8 + dns.Count;
        var ip = new byte[20 + udpLength];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = 17;
        byte[] source = [10, 0, 0, 5];
        byte[] destination = [8, 8, 8, 8];
        source.CopyTo(ip, 12);
        destination.CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(20), 53001);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(22), 53);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(24), (ushort)udpLength);
        dns.ToArray().CopyTo(ip, 28);

        using var file = new MemoryStream();
        using var w = new BinaryWriter(file);
        w.Write(0xa1b2c3d4u);
        w.Write((ushort)2);
        w.Write((ushort)4);
        w.Write(0);
        w.Write(0u);
        w.Write(65535u);
        w.Write(101u);
        w.Write(epochSeconds);
        w.Write(0u);
        w.Write((uint)ip.Length);
        w.Write((uint)ip.Length);
        w.Write(ip);
        return file.ToArray();
    }
}
