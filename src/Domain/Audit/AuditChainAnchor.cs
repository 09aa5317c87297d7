namespace CaseManager.Domain.Audit;

/// <summary>
/// Where the audit chain starts after pruning: the sequence and hash of the last row removed by the retention job.
/// One row (Id 1) or none (nothing pruned yet: the chain starts at the genesis hash).
/// </summary>
public sealed class AuditChainAnchor
{
    public const int SingletonId = 1;

    private AuditChainAnchor()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public long Sequence { get; private set; }

    public string Hash { get; private set; } = AuditEntry.GenesisHash;

    public DateTimeOffset PrunedAt { get; private set; }

    /// <summary>Rows pruned over the log's life.</summary>
    public long PrunedRows { get; private set; }

    public static AuditChainAnchor Start() => new();

    /// <summary>Moves the anchor to <paramref name="lastPruned"/>, which with every row before it is about to be deleted.</summary>
    public void MoveTo(AuditEntry lastPruned, long rows, DateTimeOffset now)
    {
        if (lastPruned.Sequence <= Sequence)
        {
            throw new Common.DomainException("The audit anchor only moves forward.");
        }

        Sequence = lastPruned.Sequence;
        Hash = lastPruned.Hash;
        PrunedAt = now;
        PrunedRows += rows;
    }
}
