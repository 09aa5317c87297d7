namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// State a protocol module keeps on one flow (IRC session, open HTTP requests …). Observers that
/// <see cref="WantsData"/> are fed the in-order bytes of both TCP directions.
/// </summary>
internal abstract class FlowObserver
{
    public FlowObserver? Next { get; set; }

    public virtual bool WantsData => false;

    /// <summary>New in-order bytes of one direction (after the stream parser saw them).</summary>
    public virtual void OnData(ReadOnlySpan<byte> data, bool fromA, long frame, long timeNanoseconds)
    {
    }
}
