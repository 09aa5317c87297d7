using System.Globalization;
using CaseManager.Domain.Cases;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CaseManager.Infrastructure.Reports.Pdf;

/// <summary>
/// Lays a <see cref="ReportDocument"/> out as an A4 PDF: cover, numbered sections, appendices on fresh pages, and on
/// every page (the cover too) a header and footer with the TLP 2.0 label in its colours and "page X of Y".
/// </summary>
internal static class PdfReportRenderer
{
    private const double Body = 9.5;
    private const double Small = 8;

    public static (byte[] Pdf, int Pages) Render(ReportDocument report)
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"{report.Cover.CaseNumber} — {report.Cover.DocumentTitle}";
        document.Info.Subject = report.Cover.CaseTitle;
        document.Info.Creator = "CaseManager";
        using (var layout = new PdfLayout(document))
        {
            Cover(layout, report);
            var number = 0;
            foreach (var section in report.Sections)
            {
                number++;
                if (section.NewPage || number == 1)
                {
                    layout.NewPage();
                }

                Heading(layout, 1, section.Id.StartsWith("appendix", StringComparison.Ordinal) ? section.Title : $"{number}. {section.Title}", Keep(section.Blocks, -1));
                for (var i = 0; i < section.Blocks.Count; i++)
                {
                    Block(layout, section.Blocks[i], Keep(section.Blocks, i));
                }

                layout.Y += 8;
            }
        }

        Chrome(document, report);
        var pages = document.PageCount;
        using var output = new MemoryStream();
        document.Save(output, false);
        return (output.ToArray(), pages);
    }

    private static void Cover(PdfLayout layout, ReportDocument report)
    {
        layout.NewPage();
        var g = layout.Graphics;
        var cover = report.Cover;
        g.DrawRectangle(new XSolidBrush(PdfLayout.Accent), PdfLayout.Margin, 110, 6, 150);
        layout.Y = 112;
        Lines(layout, cover.DocumentTitle, 26, PdfLayout.Accent, bold: true, indent: 20);
        layout.Y += 4;
        Lines(layout, cover.CaseNumber, 16, PdfLayout.Ink, bold: true, indent: 20);
        Lines(layout, cover.CaseTitle, 13, PdfLayout.Ink, indent: 20);
        Lines(layout, cover.ClientName, 11, PdfLayout.Muted, indent: 20);
        layout.Y = Math.Max(layout.Y + 24, 290);
        TlpBox(g, report.Tlp, PdfLayout.Margin, layout.Y, 14);
        layout.Y += 34;
        layout.Paragraph([new TextRun(cover.TlpMeaning)], Small + 0.5, PdfLayout.Muted);
        layout.Y += 10;
        Table(layout, new TableBlock(null, [1, 2.4], cover.Facts.Select(f => (IReadOnlyList<string>)[f.Key, f.Value]).ToList()));
    }

    private static void Lines(PdfLayout layout, string text, double size, XColor color, bool bold = false, double indent = 0)
    {
        foreach (var line in layout.Wrap([new TextRun(text)], size, PdfLayout.ContentWidth - indent, bold: bold))
        {
            layout.DrawLine(line, PdfLayout.Margin + indent, layout.Y, size, color);
            layout.Y += size * 1.3;
        }
    }

    /// <summary>How much of the block after <paramref name="index"/> must fit below a heading (keep with next).</summary>
    private static double Keep(IReadOnlyList<ReportBlock> blocks, int index) => index + 1 < blocks.Count
        ? blocks[index + 1] switch
        {
            ChartBlock chart => (PdfLayout.ContentWidth * chart.Height / chart.Width) + 22,
            TableBlock => 48,
            HeadingBlock => 70,
            _ => 30,
        }
        : 20;

    private static void Heading(PdfLayout layout, int level, string text, double keep)
    {
        var (size, before, color) = level switch
        {
            1 => (15.0, 4.0, PdfLayout.Accent),
            2 => (12.0, 10.0, PdfLayout.Ink),
            _ => (10.5, 6.0, PdfLayout.Ink),
        };
        layout.EnsureSpace(before + (size * 1.4) + 12 + keep); // keep a heading with what follows
        if (layout.Y > PdfLayout.Top)
        {
            layout.Y += before;
        }

        var lines = layout.Wrap([new TextRun(text)], size, PdfLayout.ContentWidth, bold: true);
        foreach (var line in lines)
        {
            layout.DrawLine(line, PdfLayout.Margin, layout.Y, size, color);
            layout.Y += size * 1.35;
        }

        if (level == 1)
        {
            layout.Graphics.DrawLine(new XPen(PdfLayout.Accent, 0.8), PdfLayout.Margin, layout.Y + 1, PdfLayout.PageWidth - PdfLayout.Margin, layout.Y + 1);
            layout.Y += 8;
        }
        else
        {
            layout.Y += 3;
        }
    }

    private static void Block(PdfLayout layout, ReportBlock block, double keep)
    {
        switch (block)
        {
            case HeadingBlock heading:
                Heading(layout, heading.Level, heading.Text, keep);
                break;
            case ParagraphBlock paragraph:
                layout.Paragraph(paragraph.Runs, Body, PdfLayout.Ink);
                break;
            case EmptyBlock empty:
                layout.EnsureSpace(Body * 2);
                layout.Graphics.DrawRectangle(new XSolidBrush(PdfLayout.Rule), PdfLayout.Margin, layout.Y, 2.5, Body * 1.42);
                layout.Paragraph([new TextRun(empty.Text)], Body, PdfLayout.Muted, indent: 9);
                break;
            case ListBlock list:
                var n = 0;
                foreach (var item in list.Items)
                {
                    n++;
                    layout.EnsureSpace(Body * 1.42);
                    var marker = list.Ordered ? n.ToString(CultureInfo.InvariantCulture) + "." : "•";
                    layout.DrawLine(layout.Wrap([new TextRun(marker)], Body, 20)[0], PdfLayout.Margin + 2, layout.Y, Body, PdfLayout.Ink);
                    layout.Paragraph(item, Body, PdfLayout.Ink, indent: 16, after: 2);
                }

                layout.Y += 4;
                break;
            case CodeBlock code:
                var lines = layout.Wrap([new TextRun(code.Text, Code: true)], Small, PdfLayout.ContentWidth - 12, mono: true);
                foreach (var line in lines)
                {
                    layout.EnsureSpace(Small * 1.4);
                    layout.Graphics.DrawRectangle(new XSolidBrush(PdfLayout.Stripe), PdfLayout.Margin, layout.Y, PdfLayout.ContentWidth, Small * 1.4);
                    layout.DrawLine(line, PdfLayout.Margin + 6, layout.Y + 1, Small, PdfLayout.Ink);
                    layout.Y += Small * 1.4;
                }

                layout.Y += 6;
                break;
            case TableBlock table:
                Table(layout, table);
                break;
            case ChartBlock chart:
                Chart(layout, chart);
                break;
            case NarrativeBlock narrative:
                for (var i = 0; i < narrative.Blocks.Count; i++)
                {
                    Block(layout, narrative.Blocks[i], Keep(narrative.Blocks, i));
                }

                break;
        }
    }

    private static void Chart(PdfLayout layout, ChartBlock chart)
    {
        var width = PdfLayout.ContentWidth;
        var height = width * chart.Height / chart.Width;
        layout.EnsureSpace(height + 22);
        using (var image = XImage.FromStream(new MemoryStream(chart.Png, writable: false)))
        {
            layout.Graphics.DrawImage(image, PdfLayout.Margin, layout.Y, width, height);
        }

        layout.Y += height + 3;
        foreach (var line in layout.Wrap([new TextRun(chart.Caption)], Small, width))
        {
            layout.DrawLine(line, PdfLayout.Margin + ((width - line.Width) / 2), layout.Y, Small, PdfLayout.Muted);
            layout.Y += Small * 1.4;
        }

        layout.Y += 8;
    }

    private static void Table(PdfLayout layout, TableBlock table)
    {
        const double pad = 3.5;
        var size = table.Headers is null ? Body - 0.5 : Small;
        var lineHeight = size * 1.36;
        var total = table.Widths.Sum();
        var widths = table.Widths.Select(w => PdfLayout.ContentWidth * w / total).ToArray();
        var maxRow = PdfLayout.Limit - PdfLayout.Top - 40;

        List<List<PdfLayout.Line>> WrapRow(IReadOnlyList<string> cells, bool header) =>
            cells.Select((c, i) => layout.Wrap(Runs(c, !header && table.IsTitled(i)), size, widths[i] - (2 * pad), mono: !header && table.IsMono(i),
                bold: header || (table.Headers is null && i == 0))).ToList();

        var header = table.Headers is null ? null : WrapRow(table.Headers, true);
        double Height(List<List<PdfLayout.Line>> row) => (row.Max(c => c.Count) * lineHeight) + (2 * pad);

        void Draw(List<List<PdfLayout.Line>> row, XColor? fill, bool labelColumn)
        {
            var g = layout.Graphics;
            var h = Math.Min(Height(row), maxRow);
            var x = PdfLayout.Margin;
            if (fill is { } f)
            {
                g.DrawRectangle(new XSolidBrush(f), x, layout.Y, PdfLayout.ContentWidth, h);
            }

            if (labelColumn)
            {
                g.DrawRectangle(new XSolidBrush(PdfLayout.Stripe), x, layout.Y, widths[0], h);
            }

            for (var i = 0; i < row.Count; i++)
            {
                var top = layout.Y + pad;
                foreach (var line in row[i])
                {
                    if (top + lineHeight > layout.Y + h)
                    {
                        break;
                    }

                    layout.DrawLine(line, x + pad, top, size, PdfLayout.Ink);
                    top += lineHeight;
                }

                x += widths[i];
            }

            g.DrawLine(new XPen(PdfLayout.Rule, 0.5), PdfLayout.Margin, layout.Y + h, PdfLayout.PageWidth - PdfLayout.Margin, layout.Y + h);
            layout.Y += h;
        }

        var first = true;
        var stripe = false;
        foreach (var cells in table.Rows)
        {
            var row = WrapRow(cells, false);
            var height = Math.Min(Height(row), maxRow);
            var needed = height + (first && header is not null ? Height(header) : 0);
            if (first || layout.Y + height > PdfLayout.Limit)
            {
                layout.EnsureSpace(needed);
                if (header is not null && (first || layout.Y == PdfLayout.Top))
                {
                    Draw(header, PdfLayout.HeaderFill, false);
                }
            }

            Draw(row, stripe && table.Headers is not null ? PdfLayout.Stripe : null, table.Headers is null);
            stripe = !stripe;
            first = false;
        }

        layout.Y += 10;
    }

    private static List<TextRun> Runs(string cell, bool titled)
    {
        var newline = cell.IndexOf('\n', StringComparison.Ordinal);
        return titled && newline > 0 ? [new TextRun(cell[..newline], Bold: true), new TextRun(cell[newline..])] : [new TextRun(cell, Bold: titled)];
    }

    /// <summary>Header and footer on every page, drawn last so the footer knows the page count.</summary>
    private static void Chrome(PdfDocument document, ReportDocument report)
    {
        var count = document.PageCount;
        var font = new XFont(PdfFonts.Sans, 7.5, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        var cjk = new XFont(PdfFonts.Cjk, 7.5, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        var muted = new XSolidBrush(PdfLayout.Muted);
        var pen = new XPen(PdfLayout.Rule, 0.6);
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var pageOf = string.Format(CultureInfo.InvariantCulture, report.Chrome.PageOfPattern, i + 1, count);
            Text(g, report.Chrome.Header, font, cjk, muted, PdfLayout.Margin, 30);
            TlpBox(g, report.Tlp, PdfLayout.PageWidth - PdfLayout.Margin - TlpWidth(g, report.Tlp, 8.5), 20, 8.5);
            g.DrawLine(pen, PdfLayout.Margin, 42, PdfLayout.PageWidth - PdfLayout.Margin, 42);

            var footerTop = PdfLayout.PageHeight - 40;
            g.DrawLine(pen, PdfLayout.Margin, footerTop - 6, PdfLayout.PageWidth - PdfLayout.Margin, footerTop - 6);
            TlpBox(g, report.Tlp, PdfLayout.Margin, footerTop, 8.5);
            var footerX = PdfLayout.Margin + TlpWidth(g, report.Tlp, 8.5) + 12;
            Text(g, report.Chrome.Footer, font, cjk, muted, footerX, footerTop + 10);
            var width = Width(g, pageOf, font, cjk);
            Text(g, pageOf, font, cjk, muted, PdfLayout.PageWidth - PdfLayout.Margin - width, footerTop + 10);
        }
    }

    /// <summary>One line of chrome text, Chinese characters in the CJK face.</summary>
    private static void Text(XGraphics g, string text, XFont latin, XFont cjk, XBrush brush, double x, double baseline)
    {
        foreach (var (piece, isCjk) in Split(text))
        {
            var font = isCjk ? cjk : latin;
            g.DrawString(piece, font, brush, new XPoint(x, baseline), XStringFormats.BaseLineLeft);
            x += g.MeasureString(piece, font).Width;
        }
    }

    private static double Width(XGraphics g, string text, XFont latin, XFont cjk) =>
        Split(text).Sum(p => g.MeasureString(p.Text, p.Cjk ? cjk : latin).Width);

    private static IEnumerable<(string Text, bool Cjk)> Split(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || PdfLayout.IsCjk(text[i]) != PdfLayout.IsCjk(text[start]))
            {
                yield return (text[start..i], PdfLayout.IsCjk(text[start]));
                start = i;
            }
        }
    }

    private static double TlpWidth(XGraphics g, TrafficLightProtocol tlp, double size) =>
        g.MeasureString(tlp.Label(), new XFont(PdfFonts.Sans, size, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode))).Width + (size * 1.2);

    /// <summary>The TLP 2.0 label: coloured text on black, as FIRST's standard asks.</summary>
    private static void TlpBox(XGraphics g, TrafficLightProtocol tlp, double x, double y, double size)
    {
        var font = new XFont(PdfFonts.Sans, size, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
        var width = TlpWidth(g, tlp, size);
        g.DrawRectangle(XBrushes.Black, x, y, width, size * 1.75);
        g.DrawString(tlp.Label(), font, new XSolidBrush(TlpColour(tlp)), new XPoint(x + (size * 0.6), y + (size * 1.25)), XStringFormats.BaseLineLeft);
    }

    public static XColor TlpColour(TrafficLightProtocol tlp) => tlp switch
    {
        TrafficLightProtocol.Red => XColor.FromArgb(0xff, 0x2b, 0x2b),
        TrafficLightProtocol.Amber or TrafficLightProtocol.AmberStrict => XColor.FromArgb(0xff, 0xc0, 0x00),
        TrafficLightProtocol.Green => XColor.FromArgb(0x33, 0xff, 0x00),
        _ => XColor.FromArgb(0xff, 0xff, 0xff),
    };
}
