using System.Globalization;
using System.Net;
using System.Text;
using CaseManager.Application.Reports;

namespace CaseManager.Infrastructure.Reports;

/// <summary>
/// TEMPORARY stand-in for the real report renderers (branch feature/report-render), so the workflow works before they
/// are merged: a one-page PDF and a tiny HTML document naming the case and the version. It is registered with
/// TryAddScoped, so the real <see cref="IReportGenerator"/> wins; delete this file and its registration at the merge.
/// </summary>
public sealed class PlaceholderReportGenerator(IApplicationDbContext db) : IReportGenerator
{
    public async Task<GeneratedReport> GenerateAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = await db.Cases.AsNoTracking().Where(c => c.Id == request.CaseId).Select(c => c.Number.Value).SingleAsync(cancellationToken);
        var title = string.Create(CultureInfo.InvariantCulture, $"Case {number} report version {request.Version} ({request.Language}) generated {request.GeneratedAt:O}");
        var html = Encoding.UTF8.GetBytes(
            $"<!DOCTYPE html><html lang=\"{request.Language}\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>Placeholder: the report renderer is not merged yet.</p></body></html>");
        return new GeneratedReport(Pdf(title), html, 1);
    }

    /// <summary>A minimal, valid one-page PDF 1.4 with one line of Helvetica (ASCII only) and a correct cross-reference table.</summary>
    private static byte[] Pdf(string line)
    {
        var text = new string(line.Where(c => c is >= ' ' and <= '~' and not '(' and not ')' and not '\\').ToArray());
        var stream = $"BT /F1 12 Tf 50 780 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
