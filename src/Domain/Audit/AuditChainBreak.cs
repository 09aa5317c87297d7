namespace CaseManager.Domain.Audit;

/// <summary>Where the audit chain breaks: the first sequence number that does not verify, and why.</summary>
public sealed record AuditChainBreak(long Sequence, AuditChainBreakReason Reason, long RowId);

public enum AuditChainBreakReason
{
    /// <summary>The row's fields no longer give its stored hash: it was edited.</summary>
    Altered,

    /// <summary>The row does not point at the previous row's hash: a row before it was replaced or removed.</summary>
    NotLinked,

    /// <summary>A sequence number is missing: rows were deleted.</summary>
    Missing,

    /// <summary>A sequence number repeats.</summary>
    Duplicate,
}
