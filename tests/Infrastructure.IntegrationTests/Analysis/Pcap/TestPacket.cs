namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>A packet read from a test capture: time in nanoseconds since the epoch, original length and bytes.</summary>
internal sealed record TestPacket(long TimeNanos, int OriginalLength, byte[] Data);
