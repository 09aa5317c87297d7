using System.Globalization;
using CaseManager.Domain.Cases;

namespace CaseManager.Infrastructure.Reports;

/// <summary>
/// A client report as both renderers draw it: the cover, then sections of simple blocks, every text already in the
/// report's language. Built by <see cref="ReportContentAssembler"/>; the PDF and HTML renderers only lay it out.
/// </summary>
internal sealed record ReportDocument(
    CultureInfo Culture,
    TrafficLightProtocol Tlp,
    ReportCover Cover,
    IReadOnlyList<ReportSection> Sections,
    ReportChrome Chrome);

/// <summary>The cover page: title lines and the facts table (label, value).</summary>
internal sealed record ReportCover(
    string DocumentTitle,
    string CaseNumber,
    string CaseTitle,
    string ClientName,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    string TlpMeaning);

/// <summary>What repeats on every page: the header text, the footer text and the "page X of Y" pattern.</summary>
internal sealed record ReportChrome(string Header, string Footer, string PageOfPattern, string Language);

/// <summary>A numbered section; <c>NewPage</c> starts it on a fresh page (appendices).</summary>
internal sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportBlock> Blocks, bool NewPage = false);

internal abstract record ReportBlock;

/// <summary>A sub-heading inside a section (level 2 or 3).</summary>
internal sealed record HeadingBlock(int Level, string Text) : ReportBlock;

/// <summary>A paragraph of runs (bold or code spans, the rest plain).</summary>
internal sealed record ParagraphBlock(IReadOnlyList<TextRun> Runs) : ReportBlock
{
    public static ParagraphBlock Of(string text) => new([new TextRun(text)]);
}

internal sealed record TextRun(string Text, bool Bold = false, bool Code = false);

internal sealed record ListBlock(bool Ordered, IReadOnlyList<IReadOnlyList<TextRun>> Items) : ReportBlock;

internal sealed record CodeBlock(string Text) : ReportBlock;

/// <summary>A sentence standing in for data that does not exist yet ("No evidence has been received yet.").</summary>
internal sealed record EmptyBlock(string Text) : ReportBlock;

/// <summary>
/// A table: headers (null for a label/value table), relative column widths, rows of cell texts; <c>Mono</c> marks
/// columns drawn in the fixed-width face (hashes, addresses); <c>Titled</c> columns show a cell's first line in bold.
/// </summary>
internal sealed record TableBlock(
    IReadOnlyList<string>? Headers,
    IReadOnlyList<double> Widths,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<int>? Mono = null,
    IReadOnlyList<int>? Titled = null) : ReportBlock
{
    public bool IsMono(int column) => Mono?.Contains(column) ?? false;

    public bool IsTitled(int column) => Titled?.Contains(column) ?? false;
}

/// <summary>A chart drawn server-side (PNG), with its caption and pixel size.</summary>
internal sealed record ChartBlock(byte[] Png, int Width, int Height, string Caption) : ReportBlock;

/// <summary>The consultant's Markdown: blocks for the PDF and the same text as sanitised HTML for the HTML report.</summary>
internal sealed record NarrativeBlock(IReadOnlyList<ReportBlock> Blocks, string SafeHtml) : ReportBlock;
