namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Per-IP packet and byte counters (a copy of one row of the <see cref="HostTable"/>).</summary>
internal readonly record struct HostCounters(long PacketsSent, long BytesSent, long PacketsReceived, long BytesReceived);
