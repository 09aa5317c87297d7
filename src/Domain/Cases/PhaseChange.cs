namespace CaseManager.Domain.Cases;

/// <summary>One entry of a case's phase history: who moved it, when, from where to where, and why.</summary>
public sealed class PhaseChange
{
    public const int CommentMaxLength = 2000;

    private PhaseChange()
    {
    }

    internal PhaseChange(CasePhase? from, CasePhase to, string changedBy, DateTimeOffset changedAt, string? comment)
    {
        From = from;
        To = to;
        ChangedBy = changedBy;
        ChangedAt = changedAt;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public int Id { get; private set; }

    public CasePhase? From { get; private set; }

    public CasePhase To { get; private set; }

    public string ChangedBy { get; private set; } = string.Empty;

    public DateTimeOffset ChangedAt { get; private set; }

    public string? Comment { get; private set; }
}
