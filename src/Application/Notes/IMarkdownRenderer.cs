namespace CaseManager.Application.Notes;

/// <summary>Turns a note's Markdown into HTML that is safe to put in a page (no scripts, event handlers, remote images).</summary>
public interface IMarkdownRenderer
{
    string ToSafeHtml(string markdown);
}
