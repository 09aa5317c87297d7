using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CaseManager.Infrastructure.Reports.Pdf;

/// <summary>
/// A small flow layout on PDFsharp's <see cref="XGraphics"/>: a cursor that moves down A4 pages, paragraphs wrapped by
/// word (and by character in Chinese), each piece drawn in DejaVu or WenQuanYi by its script, tables whose header
/// repeats on every page they cross, images scaled to the text width, and a new page whenever the next line, row or
/// image would cross the bottom margin.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Margin = 50;
    public const double Top = 66;
    public const double Bottom = 62;

    public static readonly XColor Ink = XColor.FromArgb(0x22, 0x2b, 0x33);
    public static readonly XColor Muted = XColor.FromArgb(0x5f, 0x6b, 0x76);
    public static readonly XColor Accent = XColor.FromArgb(0x1f, 0x4e, 0x79);
    public static readonly XColor Rule = XColor.FromArgb(0xc8, 0xd0, 0xd8);
    public static readonly XColor HeaderFill = XColor.FromArgb(0xe4, 0xeb, 0xf3);
    public static readonly XColor Stripe = XColor.FromArgb(0xf6, 0xf8, 0xfa);

    private readonly Dictionary<(string Family, double Size, bool Bold), XFont> _fonts = [];
    private readonly Dictionary<(XFont Font, int Code), double> _widths = [];
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    private XGraphics? _gfx;

    public PdfLayout(PdfDocument document) => Document = document;

    public PdfDocument Document { get; }

    public double Y { get; set; }

    public static double ContentWidth => PageWidth - (2 * Margin);

    public static double Limit => PageHeight - Bottom;

    public XGraphics Graphics => _gfx ?? throw new InvalidOperationException("No page yet.");

    public void NewPage()
    {
        _gfx?.Dispose();
        var page = Document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(page);
        Y = Top;
    }

    public void EnsureSpace(double height)
    {
        if (_gfx is null || Y + height > Limit)
        {
            NewPage();
        }
    }

    public XFont Font(string family, double size, bool bold = false)
    {
        if (!_fonts.TryGetValue((family, size, bold), out var font))
        {
            font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
            _fonts[(family, size, bold)] = font;
        }

        return font;
    }

    public double Measure(string text, XFont font)
    {
        double width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int code = text[i];
            var length = 1;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length)
            {
                code = char.ConvertToUtf32(text[i], text[i + 1]);
                length = 2;
            }

            if (!_widths.TryGetValue((font, code), out var w))
            {
                w = _measure.MeasureString(text.Substring(i, length), font).Width;
                _widths[(font, code)] = w;
            }

            width += w;
            i += length - 1;
        }

        return width;
    }

    public static bool IsCjk(char c) =>
        c is (>= '\u2e80' and <= '\u9fff') or (>= '\uac00' and <= '\ud7af') or (>= '\uf900' and <= '\ufaff') or (>= '\ufe30' and <= '\ufe4f') or (>= '\uff00' and <= '\uffef');

    /// <summary>Wraps runs into lines no wider than <paramref name="width"/>; '\n' forces a break.</summary>
    public List<Line> Wrap(IReadOnlyList<TextRun> runs, double size, double width, bool mono = false, bool bold = false)
    {
        var lines = new List<Line>();
        var current = new Line();
        foreach (var run in runs)
        {
            var runBold = bold || run.Bold;
            var latin = Font(mono || run.Code ? PdfFonts.Mono : PdfFonts.Sans, size, runBold);
            var cjk = Font(PdfFonts.Cjk, size, runBold);
            var text = run.Text;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    lines.Add(current);
                    current = new Line();
                    i++;
                    continue;
                }

                string token;
                XFont font;
                if (c is ' ' or '\t' or '\r')
                {
                    token = " ";
                    font = latin;
                    i++;
                    if (current.Pieces.Count == 0)
                    {
                        continue;
                    }
                }
                else if (IsCjk(c))
                {
                    token = text.Substring(i, 1);
                    font = cjk;
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < text.Length && text[i] is not (' ' or '\t' or '\r' or '\n') && !IsCjk(text[i]))
                    {
                        i++;
                        if (i - start > 1 && text[i - 1] is '/' or '-' or ',' or ';')
                        {
                            break; // allow a break after these inside long tokens (paths, URLs)
                        }
                    }

                    token = text[start..i];
                    font = latin;
                }

                var w = Measure(token, font);
                if (current.Width + w <= width)
                {
                    current.Add(token, font, w);
                    continue;
                }

                if (token == " ")
                {
                    lines.Add(current);
                    current = new Line();
                    continue;
                }

                if (w > width)
                {
                    foreach (var ch in token)
                    {
                        var cw = Measure(ch.ToString(), font);
                        if (current.Width + cw > width && current.Pieces.Count > 0)
                        {
                            lines.Add(current);
                            current = new Line();
                        }

                        current.Add(ch.ToString(), font, cw);
                    }

                    continue;
                }

                lines.Add(current);
                current = new Line();
                current.Add(token, font, w);
            }
        }

        if (current.Pieces.Count > 0 || lines.Count == 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    /// <summary>Draws one wrapped line with its top at <paramref name="top"/>.</summary>
    public void DrawLine(Line line, double x, double top, double size, XColor color)
    {
        var brush = new XSolidBrush(color);
        var baseline = top + (size * 0.93);
        var left = x;
        foreach (var piece in line.Pieces)
        {
            Graphics.DrawString(piece.Text, piece.Font, brush, new XPoint(left, baseline), XStringFormats.BaseLineLeft);
            left += piece.Width;
        }
    }

    /// <summary>Flowing text: lines go down the page, breaking to a new page as needed.</summary>
    public void Paragraph(IReadOnlyList<TextRun> runs, double size, XColor color, double indent = 0, bool bold = false, double after = 6)
    {
        var lineHeight = size * 1.42;
        foreach (var line in Wrap(runs, size, ContentWidth - indent, bold: bold))
        {
            EnsureSpace(lineHeight);
            DrawLine(line, Margin + indent, Y, size, color);
            Y += lineHeight;
        }

        Y += after;
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _measure.Dispose();
    }

    /// <summary>A line of pieces, each a stretch of text in one font.</summary>
    internal sealed class Line
    {
        public List<(string Text, XFont Font, double Width)> Pieces { get; } = [];

        public double Width { get; private set; }

        public void Add(string text, XFont font, double width)
        {
            if (Pieces.Count > 0 && ReferenceEquals(Pieces[^1].Font, font))
            {
                var last = Pieces[^1];
                Pieces[^1] = (last.Text + text, font, last.Width + width);
            }
            else
            {
                Pieces.Add((text, font, width));
            }

            Width += width;
        }
    }
}
