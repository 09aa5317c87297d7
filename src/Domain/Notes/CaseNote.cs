using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Notes;

/// <summary>A consultant's note on a case, in Markdown. Every edit keeps the text it replaced as a revision.</summary>
public sealed class CaseNote
{
    public const int MarkdownMaxLength = 20000;

    private readonly List<CaseNoteRevision> _revisions = [];

    private CaseNote()
    {
    }

    public Guid Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public string Markdown { get; private set; } = string.Empty;

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public string? EditedBy { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    /// <summary>Earlier texts, oldest first.</summary>
    public IReadOnlyList<CaseNoteRevision> Revisions => _revisions;

    public static CaseNote Write(CaseId caseId, string markdown, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        Markdown = Checked(markdown),
        CreatedBy = by,
        CreatedAt = now,
    };

    public void Edit(string markdown, string by, DateTimeOffset now)
    {
        var text = Checked(markdown);
        if (text == Markdown)
        {
            return;
        }

        _revisions.Add(new CaseNoteRevision(Markdown, EditedBy ?? CreatedBy, EditedAt ?? CreatedAt));
        Markdown = text;
        EditedBy = by;
        EditedAt = now;
    }

    private static string Checked(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            throw new DomainException("A note needs some text.");
        }

        var text = markdown.Trim();
        return text.Length > MarkdownMaxLength ? throw new DomainException("The note is too long.") : text;
    }
}
