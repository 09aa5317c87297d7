namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Per-IP packet and byte counters.</summary>
internal sealed class HostCounters
{
    public long PacketsSent;
    public long BytesSent;
    public long PacketsReceived;
    public long BytesReceived;
}
