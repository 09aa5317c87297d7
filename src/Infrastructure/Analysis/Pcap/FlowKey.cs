namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>A direction-independent 5-tuple: the lower (address, port) is always <see cref="Low"/>.</summary>
internal readonly record struct FlowKey(IpAddressKey Low, IpAddressKey High, ushort LowPort, ushort HighPort, byte Protocol)
{
    /// <summary>Builds the key and says whether the source is the <see cref="Low"/> side.</summary>
    public static FlowKey Create(in IpAddressKey src, in IpAddressKey dst, ushort srcPort, ushort dstPort, byte protocol, out bool sourceIsLow)
    {
        var order = src.CompareTo(dst);
        sourceIsLow = order < 0 || (order == 0 && srcPort <= dstPort);
        return sourceIsLow
            ? new FlowKey(src, dst, srcPort, dstPort, protocol)
            : new FlowKey(dst, src, dstPort, srcPort, protocol);
    }
}
