namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>A direction-independent 5-tuple: the lower (address, port) is always <see cref="Low"/>.</summary>
internal readonly struct FlowKey(IpAddressKey low, IpAddressKey high, ushort lowPort, ushort highPort, byte protocol) : IEquatable<FlowKey>
{
    public readonly IpAddressKey Low = low;
    public readonly IpAddressKey High = high;
    public readonly ushort LowPort = lowPort;
    public readonly ushort HighPort = highPort;
    public readonly byte Protocol = protocol;

    /// <summary>Builds the key and says whether the source is the <see cref="Low"/> side.</summary>
    public static FlowKey Create(in IpAddressKey src, in IpAddressKey dst, ushort srcPort, ushort dstPort, byte protocol, out bool sourceIsLow)
    {
        var order = src.CompareTo(dst);
        sourceIsLow = order < 0 || (order == 0 && srcPort <= dstPort);
        return sourceIsLow
            ? new FlowKey(src, dst, srcPort, dstPort, protocol)
            : new FlowKey(dst, src, dstPort, srcPort, protocol);
    }

    public bool Equals(FlowKey other) =>
        Low.Low == other.Low.Low && High.Low == other.High.Low && LowPort == other.LowPort && HighPort == other.HighPort
        && Low.High == other.Low.High && High.High == other.High.High && Protocol == other.Protocol
        && Low.Version == other.Low.Version && High.Version == other.High.Version;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = (Low.Low * 0x9E3779B97F4A7C15UL) ^ (High.Low * 0xC2B2AE3D27D4EB4FUL)
            ^ ((Low.High ^ (High.High << 1)) * 0x165667B19E3779F9UL)
            ^ (((ulong)LowPort << 24) | ((ulong)HighPort << 8) | Protocol);
        return (int)(hash ^ (hash >> 32));
    }

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);
}
