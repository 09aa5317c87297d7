namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>A pcapng interface (IDB) or the single interface of a pcap file: link type, snap length and clock.</summary>
internal sealed class CaptureInterface(int linkType, int snapLength, ulong ticksPerSecond, long offsetSeconds)
{
    public int LinkType { get; } = linkType;

    public int SnapLength { get; } = snapLength;

    public ulong TicksPerSecond { get; } = ticksPerSecond;

    public long OffsetSeconds { get; } = offsetSeconds;

    /// <summary>Splits a tick count into seconds and nanoseconds without floating point.</summary>
    public (long Seconds, int Nanoseconds) Split(ulong ticks)
    {
        var tps = TicksPerSecond;
        var seconds = ticks / tps;
        var fraction = ticks % tps;
        long nanos = tps switch
        {
            1_000_000 => (long)fraction * 1000,
            1_000_000_000 => (long)fraction,
            1000 => (long)fraction * 1_000_000,
            _ => (long)((UInt128)fraction * 1_000_000_000UL / tps),
        };
        return ((long)seconds + OffsetSeconds, (int)nanos);
    }
}
