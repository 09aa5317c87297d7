using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdCode = Markdig.Syntax.CodeBlock;
using MdHeading = Markdig.Syntax.HeadingBlock;
using MdList = Markdig.Syntax.ListBlock;
using MdParagraph = Markdig.Syntax.ParagraphBlock;

namespace CaseManager.Infrastructure.Reports;

/// <summary>
/// The consultant's Markdown for a client report. Raw HTML is never passed through (every HTML block
/// and inline tag is dropped from the tree, a script block with its content), links become their text followed by the address in brackets, and images
/// become their alternative text: a report makes no request to anyone when opened. The HTML is then cleaned by
/// HtmlSanitizer as a second line of defence; the PDF gets the same tree as simple blocks.
/// </summary>
internal static class ReportMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static NarrativeBlock Convert(string markdown)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, Pipeline);
        Neutralise(document);
        string html;
        lock (Sanitizer)
        {
            html = Sanitizer.Sanitize(document.ToHtml(Pipeline));
        }

        var blocks = new List<ReportBlock>();
        foreach (var block in document)
        {
            AddBlock(block, blocks);
        }

        return new NarrativeBlock(blocks, html);
    }

    /// <summary>Removes raw HTML and turns links and images into plain text, in place.</summary>
    private static void Neutralise(MarkdownDocument document)
    {
        foreach (var html in document.Descendants<HtmlBlock>().ToList())
        {
            html.Parent?.Remove(html);
        }

        foreach (var inline in document.Descendants<HtmlInline>().ToList())
        {
            inline.Remove();
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var text = Plain(link);
            var replacement = link.IsImage
                ? (text.Length == 0 ? string.Empty : $"[{text}]")
                : string.IsNullOrEmpty(link.Url) || link.Url == text ? text : $"{text} ({link.Url})";
            link.ReplaceBy(new LiteralInline(replacement), copyChildren: false);
        }

        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            link.ReplaceBy(new LiteralInline(link.Url), copyChildren: false);
        }
    }

    private static void AddBlock(Block block, List<ReportBlock> blocks)
    {
        switch (block)
        {
            case MdHeading heading:
                blocks.Add(new Reports.HeadingBlock(Math.Clamp(heading.Level + 1, 2, 3), Plain(heading.Inline)));
                break;
            case MdParagraph paragraph:
                var runs = Runs(paragraph.Inline);
                if (runs.Count > 0)
                {
                    blocks.Add(new Reports.ParagraphBlock(runs));
                }

                break;
            case MdList list:
                var items = new List<IReadOnlyList<TextRun>>();
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var itemRuns = new List<TextRun>();
                    foreach (var child in item)
                    {
                        if (child is LeafBlock { Inline: not null } leaf)
                        {
                            if (itemRuns.Count > 0)
                            {
                                itemRuns.Add(new TextRun(" "));
                            }

                            itemRuns.AddRange(Runs(leaf.Inline));
                        }
                        else if (child is MdList nested)
                        {
                            foreach (var sub in nested.OfType<ListItemBlock>())
                            {
                                itemRuns.Add(new TextRun(" — "));
                                itemRuns.AddRange(sub.OfType<LeafBlock>().Where(l => l.Inline is not null).SelectMany(l => Runs(l.Inline)));
                            }
                        }
                    }

                    items.Add(itemRuns);
                }

                blocks.Add(new Reports.ListBlock(list.IsOrdered, items));
                break;
            case MdCode:
                var leafCode = (LeafBlock)block;
                blocks.Add(new Reports.CodeBlock(string.Join('\n', leafCode.Lines.Lines.Take(leafCode.Lines.Count).Select(l => l.ToString()))));
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    AddBlock(child, blocks);
                }

                break;
            case Markdig.Extensions.Tables.Table table:
                var rows = table.OfType<Markdig.Extensions.Tables.TableRow>()
                    .Select(r => (IReadOnlyList<string>)r.OfType<Markdig.Extensions.Tables.TableCell>()
                        .Select(c => string.Join(' ', c.OfType<LeafBlock>().Select(l => Plain(l.Inline)))).ToList())
                    .ToList();
                if (rows.Count > 0)
                {
                    var columns = rows.Max(r => r.Count);
                    var padded = rows.Select(r => (IReadOnlyList<string>)r.Concat(Enumerable.Repeat(string.Empty, columns - r.Count)).ToList()).ToList();
                    blocks.Add(new TableBlock(padded[0], Enumerable.Repeat(1.0, columns).ToList(), padded.Skip(1).ToList()));
                }

                break;
            case ThematicBreakBlock:
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AddBlock(child, blocks);
                }

                break;
            case LeafBlock { Inline: not null } leaf:
                blocks.Add(new Reports.ParagraphBlock(Runs(leaf.Inline)));
                break;
        }
    }

    private static List<TextRun> Runs(ContainerInline? container)
    {
        var runs = new List<TextRun>();
        if (container is null)
        {
            return runs;
        }

        void Walk(Inline inline, bool bold)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    runs.Add(new TextRun(literal.Content.ToString(), bold));
                    break;
                case CodeInline code:
                    runs.Add(new TextRun(code.Content, bold, Code: true));
                    break;
                case LineBreakInline:
                    runs.Add(new TextRun(" ", bold));
                    break;
                case EmphasisInline emphasis:
                    var strong = bold || emphasis.DelimiterCount >= 2;
                    foreach (var child in emphasis)
                    {
                        Walk(child, strong);
                    }

                    break;
                case ContainerInline inner:
                    foreach (var child in inner)
                    {
                        Walk(child, bold);
                    }

                    break;
            }
        }

        foreach (var inline in container)
        {
            Walk(inline, false);
        }

        return runs.Where(r => r.Text.Length > 0).ToList();
    }

    private static string Plain(ContainerInline? container)
    {
        var text = new StringBuilder();
        foreach (var run in Runs(container))
        {
            text.Append(run.Text);
        }

        return text.ToString().Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in new[] { "img", "a", "style", "form", "input", "iframe", "video", "audio", "source", "picture", "object", "embed", "link" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("src");
        sanitizer.AllowedAttributes.Remove("href");
        sanitizer.AllowedAttributes.Remove("srcset");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        return sanitizer;
    }
}
