using System.Buffers.Binary;
using System.Net;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>An IPv4 or IPv6 address as a hashable value (no allocation per packet).</summary>
internal readonly record struct IpAddressKey(ulong High, ulong Low, byte Version)
{
    public static IpAddressKey FromIpv4(ReadOnlySpan<byte> bytes) =>
        new(0, BinaryPrimitives.ReadUInt32BigEndian(bytes), 4);

    public static IpAddressKey FromIpv6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), 6);

    public int CompareTo(IpAddressKey other)
    {
        if (Version != other.Version)
        {
            return Version.CompareTo(other.Version);
        }

        return High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);
    }

    /// <summary>Private (RFC 1918, ULA), shared (RFC 6598), loopback, link-local, multicast or broadcast.</summary>
    public bool IsInternal
    {
        get
        {
            if (Version == 4)
            {
                var a = (uint)Low;
                return (a >> 24) == 10 || (a >> 20) == 0xAC1 || (a >> 16) == 0xC0A8 || (a >> 24) == 127
                    || (a >> 16) == 0xA9FE || (a >> 22) == (100 << 2 | 1) || (a >> 28) == 0xE || a == 0xFFFFFFFF || a == 0;
            }

            var top = High >> 48;
            return (top & 0xFE00) == 0xFC00 || (top & 0xFFC0) == 0xFE80 || (top & 0xFF00) == 0xFF00
                || (High == 0 && Low <= 1);
        }
    }

    public override string ToString()
    {
        if (Version == 4)
        {
            var a = (uint)Low;
            return $"{a >> 24}.{(a >> 16) & 0xFF}.{(a >> 8) & 0xFF}.{a & 0xFF}";
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new IPAddress(bytes).ToString();
    }
}
