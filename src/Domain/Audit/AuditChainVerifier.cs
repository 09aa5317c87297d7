namespace CaseManager.Domain.Audit;

/// <summary>
/// Checks audit rows one by one in sequence order, starting after the anchor (or from the genesis hash): each row follows
/// the previous one without a gap, links to its hash, and its own hash recomputes from its fields. Streaming, so a log of
/// any length is checked in constant memory.
/// </summary>
public sealed class AuditChainVerifier(AuditChainAnchor? anchor)
{
    private string _previousHash = anchor?.Hash ?? AuditEntry.GenesisHash;
    private long _expected = (anchor?.Sequence ?? 0) + 1;

    public long Verified { get; private set; }

    /// <summary>The first break found; once set, later rows are not checked.</summary>
    public AuditChainBreak? Break { get; private set; }

    /// <summary>Checks the next row; false once the chain is broken.</summary>
    public bool Check(AuditEntry row)
    {
        if (Break is not null)
        {
            return false;
        }

        if (row.Sequence != _expected)
        {
            Break = new AuditChainBreak(_expected, row.Sequence < _expected ? AuditChainBreakReason.Duplicate : AuditChainBreakReason.Missing, row.Id);
        }
        else if (row.PreviousHash != _previousHash)
        {
            Break = new AuditChainBreak(row.Sequence, AuditChainBreakReason.NotLinked, row.Id);
        }
        else if (row.Hash != row.ComputeHash())
        {
            Break = new AuditChainBreak(row.Sequence, AuditChainBreakReason.Altered, row.Id);
        }
        else
        {
            _previousHash = row.Hash;
            _expected++;
            Verified++;
            return true;
        }

        return false;
    }

    public static AuditChainBreak? Verify(IEnumerable<AuditEntry> rowsInSequenceOrder, AuditChainAnchor? anchor)
    {
        var verifier = new AuditChainVerifier(anchor);
        foreach (var row in rowsInSequenceOrder)
        {
            if (!verifier.Check(row))
            {
                break;
            }
        }

        return verifier.Break;
    }
}
