namespace CaseManager.Application.Analysis.Traffic;

/// <summary>Packets and bytes an IP address sent and received; <see cref="Internal"/> for private, loopback and link-local ranges.</summary>
public sealed record TrafficHostSummary(string Ip, bool Internal, long PacketsSent, long BytesSent, long PacketsReceived, long BytesReceived);
