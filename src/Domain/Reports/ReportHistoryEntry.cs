namespace CaseManager.Domain.Reports;

/// <summary>What happened to a report version, by whom and when; review comments and retraction reasons live here.</summary>
public sealed class ReportHistoryEntry
{
    public const int TextMaxLength = 4000;

    private ReportHistoryEntry()
    {
    }

    public Guid Id { get; private set; }

    public ReportAction Action { get; private set; }

    public string ById { get; private set; } = string.Empty;

    public string ByName { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }

    /// <summary>The reviewer's comments (returned) or the reason (retracted); null otherwise.</summary>
    public string? Text { get; private set; }

    internal static ReportHistoryEntry Of(ReportAction action, string byId, string byName, DateTimeOffset at, string? text = null) => new()
    {
        Id = Guid.CreateVersion7(),
        Action = action,
        ById = byId,
        ByName = byName,
        At = at,
        Text = text,
    };
}

public enum ReportAction
{
    Generated = 0,
    Regenerated = 1,
    NarrativeEdited = 2,
    Submitted = 3,
    Returned = 4,
    Published = 5,
    Retracted = 6,
}
