namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>An application-layer parser fed the in-order bytes of one TCP direction.</summary>
internal abstract class StreamConsumer
{
    /// <summary>True when the parser has nothing more to learn from this direction.</summary>
    public bool Done { get; protected set; }

    /// <summary>Called with each new in-order run of bytes; <paramref name="segmentStart"/> when it starts a segment.</summary>
    public abstract void Consume(ReadOnlySpan<byte> data, bool segmentStart, Flow flow, bool fromA);

    /// <summary>Bytes were lost (capture gap, snap length); the parser must resynchronise or give up.</summary>
    public abstract void OnGap();

    /// <summary>Returns pooled buffers.</summary>
    public virtual void Release()
    {
    }
}
