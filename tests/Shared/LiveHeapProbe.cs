namespace CaseManager.Tests.Shared;

/// <summary>
/// What code holds while data streams through it: every <see cref="Every"/> bytes (and at the first), the live heap after
/// a full collection, over the heap measured before. Unlike the working set, garbage does not count, so a test that
/// churns (or runs beside tests that do) measures only what is kept.
/// </summary>
public sealed class LiveHeapProbe(long heapBefore, long every)
{
    private long _seen;
    private long _next;

    public long Every { get; } = every;

    public int Probes { get; private set; }

    public long MaxLiveGrowth { get; private set; }

    /// <summary>Called as <paramref name="bytes"/> more go through; probes first when the next mark is reached.</summary>
    public void Advance(long bytes)
    {
        if (_seen >= _next)
        {
            MaxLiveGrowth = Math.Max(MaxLiveGrowth, GC.GetTotalMemory(forceFullCollection: true) - heapBefore);
            Probes++;
            _next = _seen + Every;
        }

        _seen += bytes;
    }
}
