using System.Globalization;
using System.Net;
using System.Text;
using CaseManager.Domain.Cases;

namespace CaseManager.Infrastructure.Reports.Html;

/// <summary>
/// One standalone UTF-8 HTML document: inline CSS (with print rules — page breaks, table headers repeated, the TLP
/// label in the top margin of every printed page, a sticky bar on screen), charts as <c>data:</c> PNGs, every text HTML-encoded, the narrative
/// as sanitised HTML. Nothing in it loads from anywhere: no scripts, no links, no remote images or fonts.
/// </summary>
internal static class HtmlReportRenderer
{
    public static byte[] Render(ReportDocument report)
    {
        var html = new StringBuilder(64 * 1024);
        var tlp = report.Tlp.Label();
        var colour = Colour(report.Tlp);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(report.Chrome.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E($"{report.Cover.CaseNumber} — {report.Cover.DocumentTitle}")).Append("</title>\n<style>\n")
            .Append(Css.Replace("TLPCOLOUR", colour, StringComparison.Ordinal))
            .Append(PageBoxes(report, tlp, colour))
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<div class=\"tlp-bar\" role=\"note\"><span class=\"chrome\">").Append(E(report.Chrome.Header))
            .Append("</span><span class=\"tlp\">").Append(E(tlp)).Append("</span></div>\n");
        html.Append("<main>\n<section class=\"cover\">\n<h1>").Append(E(report.Cover.DocumentTitle)).Append("</h1>\n")
            .Append("<p class=\"case-number\">").Append(E(report.Cover.CaseNumber)).Append("</p>\n")
            .Append("<p class=\"case-title\">").Append(E(report.Cover.CaseTitle)).Append("</p>\n")
            .Append("<p class=\"client\">").Append(E(report.Cover.ClientName)).Append("</p>\n")
            .Append("<p><span class=\"tlp big\">").Append(E(tlp)).Append("</span></p>\n")
            .Append("<p class=\"muted\">").Append(E(report.Cover.TlpMeaning)).Append("</p>\n");
        Table(html, new TableBlock(null, [1, 2.4], report.Cover.Facts.Select(f => (IReadOnlyList<string>)[f.Key, f.Value]).ToList()), "facts");
        html.Append("</section>\n");

        html.Append("<nav class=\"toc\"><ul>");
        var number = 0;
        foreach (var section in report.Sections)
        {
            number++;
            html.Append("<li>").Append(E(Title(section, number))).Append("</li>");
        }

        html.Append("</ul></nav>\n");
        number = 0;
        foreach (var section in report.Sections)
        {
            number++;
            html.Append("<section id=\"").Append(E(section.Id)).Append('"').Append(section.NewPage ? " class=\"new-page\"" : string.Empty).Append(">\n<h2>")
                .Append(E(Title(section, number))).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                Block(html, block);
            }

            html.Append("</section>\n");
        }

        html.Append("</main>\n<footer class=\"page-footer\"><span class=\"tlp\">").Append(E(tlp)).Append("</span> ")
            .Append(E(report.Chrome.Footer)).Append("</footer>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>
    /// Print chrome in the page margins (CSS paged media margin boxes): the TLP label at the top right of every printed
    /// page, the case and title at the top left, the version and "page X of Y" at the bottom.
    /// </summary>
    private static string PageBoxes(ReportDocument report, string tlp, string colour)
    {
        var pageOf = new StringBuilder();
        var rest = report.Chrome.PageOfPattern;
        while (rest.Length > 0)
        {
            var zero = rest.IndexOf("{0}", StringComparison.Ordinal);
            var one = rest.IndexOf("{1}", StringComparison.Ordinal);
            var next = zero < 0 ? one : one < 0 ? zero : Math.Min(zero, one);
            if (next < 0)
            {
                pageOf.Append(CssString(rest));
                break;
            }

            pageOf.Append(CssString(rest[..next])).Append(next == zero ? " counter(page) " : " counter(pages) ");
            rest = rest[(next + 3)..];
        }

        return $$"""
            @page {
              @top-left { content: {{CssString(report.Chrome.Header)}}; font: 7.5pt "DejaVu Sans", sans-serif; color: #5f6b76; }
              @top-right { content: {{CssString(tlp)}}; font: bold 8.5pt "DejaVu Sans", sans-serif; color: {{colour}}; background: #000; padding: 1mm 2mm; margin: 8mm 0 3mm; }
              @bottom-left { content: {{CssString(tlp + "   " + report.Chrome.Footer)}}; font: 7.5pt "DejaVu Sans", sans-serif; color: #5f6b76; }
              @bottom-right { content: {{pageOf}}; font: 7.5pt "DejaVu Sans", sans-serif; color: #5f6b76; }
            }

            """;
    }

    /// <summary>A CSS string literal: quotes, backslashes, line breaks and angle brackets escaped (it sits in a style element).</summary>
    private static string CssString(string text)
    {
        var css = new StringBuilder("\"");
        foreach (var c in text)
        {
            css.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '<' => "\\3C ",
                '>' => "\\3E ",
                '\n' or '\r' => "\\A ",
                _ => c.ToString(),
            });
        }

        return css.Append('"').ToString();
    }

    private static string Title(ReportSection section, int number) =>
        section.Id.StartsWith("appendix", StringComparison.Ordinal) ? section.Title : $"{number}. {section.Title}";

    private static void Block(StringBuilder html, ReportBlock block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var tag = heading.Level <= 2 ? "h3" : "h4";
                html.Append('<').Append(tag).Append('>').Append(E(heading.Text)).Append("</").Append(tag).Append(">\n");
                break;
            case ParagraphBlock paragraph:
                html.Append("<p>");
                Runs(html, paragraph.Runs);
                html.Append("</p>\n");
                break;
            case EmptyBlock empty:
                html.Append("<p class=\"empty\">").Append(E(empty.Text)).Append("</p>\n");
                break;
            case ListBlock list:
                html.Append(list.Ordered ? "<ol>" : "<ul>");
                foreach (var item in list.Items)
                {
                    html.Append("<li>");
                    Runs(html, item);
                    html.Append("</li>");
                }

                html.Append(list.Ordered ? "</ol>\n" : "</ul>\n");
                break;
            case CodeBlock code:
                html.Append("<pre>").Append(E(code.Text)).Append("</pre>\n");
                break;
            case TableBlock table:
                Table(html, table, table.Headers is null ? "facts" : "grid");
                break;
            case ChartBlock chart:
                html.Append("<figure><img alt=\"").Append(E(chart.Caption)).Append("\" width=\"").Append(chart.Width.ToString(CultureInfo.InvariantCulture))
                    .Append("\" height=\"").Append(chart.Height.ToString(CultureInfo.InvariantCulture)).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(chart.Png)).Append("\"><figcaption>").Append(E(chart.Caption)).Append("</figcaption></figure>\n");
                break;
            case NarrativeBlock narrative:
                html.Append("<div class=\"narrative\">").Append(narrative.SafeHtml).Append("</div>\n");
                break;
        }
    }

    private static void Runs(StringBuilder html, IReadOnlyList<TextRun> runs)
    {
        foreach (var run in runs)
        {
            var text = E(run.Text);
            html.Append(run.Code ? $"<code>{text}</code>" : run.Bold ? $"<strong>{text}</strong>" : text);
        }
    }

    private static void Table(StringBuilder html, TableBlock table, string css)
    {
        var total = table.Widths.Sum();
        html.Append("<table class=\"").Append(css).Append("\"><colgroup>");
        foreach (var w in table.Widths)
        {
            html.Append("<col style=\"width:").Append((100 * w / total).ToString("0.#", CultureInfo.InvariantCulture)).Append("%\">");
        }

        html.Append("</colgroup>");
        if (table.Headers is { } headers)
        {
            html.Append("<thead><tr>");
            foreach (var h in headers)
            {
                html.Append("<th>").Append(E(h)).Append("</th>");
            }

            html.Append("</tr></thead>");
        }

        html.Append("<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var cell = E(row[i]).Replace("\n", "<br>", StringComparison.Ordinal);
                if (table.IsTitled(i))
                {
                    var br = cell.IndexOf("<br>", StringComparison.Ordinal);
                    cell = br > 0 ? $"<strong>{cell[..br]}</strong>{cell[br..]}" : $"<strong>{cell}</strong>";
                }

                var th = table.Headers is null && i == 0;
                html.Append(th ? "<th scope=\"row\"" : "<td").Append(table.IsMono(i) ? " class=\"mono\">" : ">").Append(cell).Append(th ? "</th>" : "</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string Colour(TrafficLightProtocol tlp) => tlp switch
    {
        TrafficLightProtocol.Red => "#FF2B2B",
        TrafficLightProtocol.Amber or TrafficLightProtocol.AmberStrict => "#FFC000",
        TrafficLightProtocol.Green => "#33FF00",
        _ => "#FFFFFF",
    };

    private const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "DejaVu Sans", "Noto Sans", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
               font-size: 10.5pt; line-height: 1.5; color: #222b33; background: #fff; }
        main { max-width: 60rem; margin: 0 auto; padding: 3.5rem 1.5rem 3rem; }
        .tlp-bar { position: sticky; top: 0; left: 0; right: 0; display: flex; justify-content: space-between; align-items: center;
                   padding: .35rem 1.5rem; background: #fff; border-bottom: 1px solid #c8d0d8; font-size: 8.5pt; color: #5f6b76; z-index: 2; }
        .tlp { display: inline-block; background: #000; color: TLPCOLOUR; font-weight: bold; padding: .1rem .5rem; letter-spacing: .02em; }
        .tlp.big { font-size: 14pt; padding: .3rem .9rem; }
        .cover { min-height: 60vh; border-left: 6px solid #1f4e79; padding-left: 1.5rem; margin-bottom: 2rem; }
        .cover h1 { font-size: 26pt; color: #1f4e79; margin: 2rem 0 .3rem; }
        .case-number { font-size: 16pt; font-weight: bold; margin: 0; }
        .case-title { font-size: 13pt; margin: .2rem 0; }
        .client, .muted, figcaption { color: #5f6b76; }
        h2 { color: #1f4e79; font-size: 15pt; border-bottom: 1.5px solid #1f4e79; padding-bottom: .2rem; margin-top: 2.2rem; }
        h3 { font-size: 12pt; margin: 1.4rem 0 .4rem; overflow-wrap: anywhere; }
        h4 { font-size: 10.5pt; margin: 1rem 0 .3rem; }
        .toc ul { columns: 2; list-style: none; padding-left: 0; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .4rem 0 1rem; font-size: 9pt; }
        th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #c8d0d8; overflow-wrap: anywhere; }
        thead th { background: #e4ebf3; }
        table.grid tbody tr:nth-child(even) { background: #f6f8fa; }
        table.facts th { background: #f6f8fa; width: 30%; }
        .mono, code, pre { font-family: "DejaVu Sans Mono", "Consolas", monospace; }
        pre { background: #f6f8fa; padding: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8.5pt; }
        .empty { color: #5f6b76; border-left: 3px solid #c8d0d8; padding-left: .6rem; }
        figure { margin: .5rem 0 1.2rem; text-align: center; }
        figure img { max-width: 100%; height: auto; }
        figcaption { font-size: 8.5pt; }
        .page-footer { border-top: 1px solid #c8d0d8; padding: .4rem 1.5rem; font-size: 8.5pt; color: #5f6b76; }
        @page { size: A4; margin: 18mm 14mm 16mm; }
        @media print {
          body { font-size: 9.5pt; }
          main { max-width: none; padding: 0; }
          .tlp-bar, .page-footer { display: none; }
          .cover { min-height: auto; page-break-after: always; break-after: page; }
          section.new-page { break-before: page; page-break-before: always; }
          thead { display: table-header-group; }
          tr, figure, pre { break-inside: avoid; page-break-inside: avoid; }
          h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
          .toc { display: none; }
        }

        """;
}
