using System.Buffers.Binary;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Test-side capture reading (classic little-endian microsecond pcap only) and writing (pcap in either byte order
/// and resolution, pcapng with several interfaces and block kinds), independent of the analyser's reader.
/// </summary>
internal static class CaptureBuilder
{
    public static List<TestPacket> ReadClassicPcap(string path)
    {
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes).ShouldBe(0xA1B2C3D4u, "source capture must be little-endian usec pcap");
        var packets = new List<TestPacket>();
        var offset = 24;
        while (offset + 16 <= bytes.Length)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            var micros = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            var original = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12));
            packets.Add(new TestPacket((seconds * 1_000_000_000L) + (micros * 1000L), original, bytes.AsSpan(offset + 16, captured).ToArray()));
            offset += 16 + captured;
        }

        return packets;
    }

    public static int LinkTypeOf(string path) => (int)BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(path).AsSpan(20));

    public static byte[] Pcap(IEnumerable<TestPacket> packets, int linkType, bool bigEndian, bool nanoseconds)
    {
        using var output = new MemoryStream();
        var header = new byte[24];
        Write32(header, 0, nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4, bigEndian);
        Write16(header, 4, 2, bigEndian);
        Write16(header, 6, 4, bigEndian);
        Write32(header, 16, 262144, bigEndian);
        Write32(header, 20, (uint)linkType, bigEndian);
        output.Write(header);
        foreach (var p in packets)
        {
            var record = new byte[16];
            Write32(record, 0, (uint)(p.TimeNanos / 1_000_000_000L), bigEndian);
            Write32(record, 4, (uint)(nanoseconds ? p.TimeNanos % 1_000_000_000L : p.TimeNanos % 1_000_000_000L / 1000), bigEndian);
            Write32(record, 8, (uint)p.Data.Length, bigEndian);
            Write32(record, 12, (uint)p.OriginalLength, bigEndian);
            output.Write(record);
            output.Write(p.Data);
        }

        return output.ToArray();
    }

    /// <summary>One pcapng interface: link type and if_tsresol byte (6 = microseconds, 9 = nanoseconds, 0x80|n = 2^-n).</summary>
    public sealed record Interface(int LinkType, byte Resolution);

    /// <summary>
    /// pcapng: section header, interface blocks (with unknown options), then packets as enhanced (or every
    /// <paramref name="obsoleteEvery"/>-th as obsolete) packet blocks on interface <c>i % interfaces</c>;
    /// unknown blocks are interleaved. Timestamps are converted to each interface's resolution.
    /// </summary>
    public static byte[] Pcapng(IReadOnlyList<TestPacket> packets, IReadOnlyList<Interface> interfaces, bool bigEndian, int obsoleteEvery = 0)
    {
        using var output = new MemoryStream();
        var shb = new List<byte>();
        shb.AddRange(U32(0x1A2B3C4D, bigEndian));
        shb.AddRange(U16(1, bigEndian));
        shb.AddRange(U16(0, bigEndian));
        shb.AddRange(U32(0xFFFFFFFF, bigEndian));
        shb.AddRange(U32(0xFFFFFFFF, bigEndian));
        shb.AddRange(Option(1, "section comment"u8.ToArray(), bigEndian));
        shb.AddRange(Option(0, [], bigEndian));
        WriteBlock(output, 0x0A0D0D0A, [.. shb], bigEndian);
        foreach (var iface in interfaces)
        {
            var idb = new List<byte>();
            idb.AddRange(U16((ushort)iface.LinkType, bigEndian));
            idb.AddRange(U16(0, bigEndian));
            idb.AddRange(U32(262144, bigEndian));
            idb.AddRange(Option(2, "eth0"u8.ToArray(), bigEndian));
            idb.AddRange(Option(0x7777, [1, 2, 3], bigEndian)); // unknown option, padded
            idb.AddRange(Option(9, [iface.Resolution], bigEndian));
            idb.AddRange(Option(0, [], bigEndian));
            WriteBlock(output, 1, [.. idb], bigEndian);
        }

        WriteBlock(output, 0x0BAD0BAD, [9, 9, 9, 9, 9, 9, 9, 9], bigEndian); // unknown block, skipped
        for (var i = 0; i < packets.Count; i++)
        {
            var p = packets[i];
            var id = i % interfaces.Count;
            var ticks = Ticks(p.TimeNanos, interfaces[id].Resolution);
            var padded = new byte[(p.Data.Length + 3) & ~3];
            p.Data.CopyTo(padded, 0);
            var body = new List<byte>();
            var obsolete = obsoleteEvery > 0 && i % obsoleteEvery == obsoleteEvery - 1;
            if (obsolete)
            {
                body.AddRange(U16((ushort)id, bigEndian));
                body.AddRange(U16(0, bigEndian));
            }
            else
            {
                body.AddRange(U32((uint)id, bigEndian));
            }

            body.AddRange(U32((uint)(ticks >> 32), bigEndian));
            body.AddRange(U32((uint)ticks, bigEndian));
            body.AddRange(U32((uint)p.Data.Length, bigEndian));
            body.AddRange(U32((uint)p.OriginalLength, bigEndian));
            body.AddRange(padded);
            body.AddRange(Option(1, "packet comment"u8.ToArray(), bigEndian));
            body.AddRange(Option(0, [], bigEndian));
            WriteBlock(output, obsolete ? 2u : 6u, [.. body], bigEndian);
            if (i % 7 == 3)
            {
                WriteBlock(output, 5, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bigEndian); // interface statistics, skipped
            }
        }

        return output.ToArray();
    }

    /// <summary>pcapng with simple packet blocks only (no timestamps), one interface.</summary>
    public static byte[] PcapngSimple(IReadOnlyList<TestPacket> packets, int linkType)
    {
        using var output = new MemoryStream();
        WriteBlock(output, 0x0A0D0D0A, [.. U32(0x1A2B3C4D, false), .. U16(1, false), .. U16(0, false), .. U32(0xFFFFFFFF, false), .. U32(0xFFFFFFFF, false)], false);
        WriteBlock(output, 1, [.. U16((ushort)linkType, false), .. U16(0, false), .. U32(0, false)], false);
        foreach (var p in packets)
        {
            var padded = new byte[(p.Data.Length + 3) & ~3];
            p.Data.CopyTo(padded, 0);
            WriteBlock(output, 3, [.. U32((uint)p.OriginalLength, false), .. padded], false);
        }

        return output.ToArray();
    }

    public static ulong Ticks(long nanos, byte resolution)
    {
        if ((resolution & 0x80) != 0)
        {
            return (ulong)((UInt128)(ulong)nanos * (1UL << (resolution & 0x7F)) / 1_000_000_000UL);
        }

        return resolution switch
        {
            9 => (ulong)nanos,
            6 => (ulong)(nanos / 1000),
            3 => (ulong)(nanos / 1_000_000),
            _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
        };
    }

    private static void WriteBlock(Stream output, uint type, byte[] body, bool bigEndian)
    {
        var length = (uint)(12 + body.Length);
        output.Write(U32(type, bigEndian));
        output.Write(U32(length, bigEndian));
        output.Write(body);
        output.Write(U32(length, bigEndian));
    }

    private static byte[] Option(ushort code, byte[] value, bool bigEndian)
    {
        var padded = new byte[(value.Length + 3) & ~3];
        value.CopyTo(padded, 0);
        return [.. U16(code, bigEndian), .. U16((ushort)value.Length, bigEndian), .. padded];
    }

    private static byte[] U32(uint value, bool bigEndian)
    {
        var b = new byte[4];
        Write32(b, 0, value, bigEndian);
        return b;
    }

    private static byte[] U16(ushort value, bool bigEndian)
    {
        var b = new byte[2];
        Write16(b, 0, value, bigEndian);
        return b;
    }

    private static void Write32(byte[] b, int offset, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(offset), value);
        }
    }

    private static void Write16(byte[] b, int offset, ushort value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(offset), value);
        }
    }
}
