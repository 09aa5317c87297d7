namespace CaseManager.Domain.Reports;

/// <summary>
/// Where a report version is in its review: Draft → InReview → Published (→ Retracted), or InReview → Returned (with
/// comments) → Draft again when it is edited or regenerated. Only Published versions ever reach the client.
/// </summary>
public enum ReportState
{
    Draft = 0,
    InReview = 1,
    Returned = 2,
    Published = 3,
    Retracted = 4,
}
