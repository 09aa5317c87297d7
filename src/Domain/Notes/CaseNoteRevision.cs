namespace CaseManager.Domain.Notes;

/// <summary>A note's text as it was before an edit, with who wrote that text and when.</summary>
public sealed class CaseNoteRevision
{
    private CaseNoteRevision()
    {
    }

    internal CaseNoteRevision(string markdown, string writtenBy, DateTimeOffset writtenAt)
    {
        Markdown = markdown;
        WrittenBy = writtenBy;
        WrittenAt = writtenAt;
    }

    public int Id { get; private set; }

    public string Markdown { get; private set; } = string.Empty;

    public string WrittenBy { get; private set; } = string.Empty;

    public DateTimeOffset WrittenAt { get; private set; }
}
