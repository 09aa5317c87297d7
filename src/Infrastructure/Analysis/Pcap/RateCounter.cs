namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Counts events per one-second window and keeps the busiest window.</summary>
internal struct RateCounter
{
    private long _second;
    private int _count;

    public long Total { get; private set; }

    public int PeakPerSecond { get; private set; }

    public long PeakSecond { get; private set; }

    public void Add(long second)
    {
        Total++;
        if (second != _second)
        {
            _second = second;
            _count = 0;
        }

        _count++;
        if (_count > PeakPerSecond)
        {
            PeakPerSecond = _count;
            PeakSecond = second;
        }
    }
}
