namespace CaseManager.Domain.Cases;

public enum CaseActivityKind
{
    NoteAdded = 0,
    NoteEdited = 1,
    NoteDeleted = 2,
    TimelineEventAdded = 3,
    TimelineEventRemoved = 4,
}

/// <summary>
/// One line of a case's activity feed that no other record keeps (notes, manual timeline events). Phase changes,
/// custody and intake versions are read from their own tables, so nothing is stored twice.
/// </summary>
public sealed class CaseActivity
{
    public const int SubjectMaxLength = 300;

    private CaseActivity()
    {
    }

    public CaseActivity(CaseId caseId, CaseActivityKind kind, string subject, string actor, DateTimeOffset at)
    {
        CaseId = caseId;
        Kind = kind;
        Subject = subject.Length > SubjectMaxLength ? subject[..(SubjectMaxLength - 1)] + "…" : subject;
        Actor = actor;
        At = at;
    }

    public long Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public CaseActivityKind Kind { get; private set; }

    /// <summary>What the action was about (the first words of a note, the event's text).</summary>
    public string Subject { get; private set; } = string.Empty;

    public string Actor { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }
}
