using CaseManager.Application.Notes;
using Ganss.Xss;
using Markdig;

namespace CaseManager.Infrastructure.Notes;

/// <summary>
/// Markdown (CommonMark plus tables, task lists, auto-links) to HTML with Markdig, raw HTML disabled, then cleaned by
/// HtmlSanitizer: scripts, event handlers, <c>javascript:</c> links, iframes and styles go, and so do images (a remote
/// image in a note would tell its server who read the case, and when). Links open outside the app without a referrer.
/// </summary>
public sealed class MarkdownRenderer : IMarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToSafeHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown ?? string.Empty, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Add("input"); // task-list check boxes only; made read-only below
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                if (element.LocalName == "a")
                {
                    element.SetAttribute("rel", "noopener noreferrer nofollow");
                }
                else if (element.LocalName == "input")
                {
                    if (element.GetAttribute("type") != "checkbox")
                    {
                        element.Remove();
                        return;
                    }

                    element.SetAttribute("disabled", "disabled");
                }
            }
        };
        return sanitizer;
    }
}
