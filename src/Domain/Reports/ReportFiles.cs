namespace CaseManager.Domain.Reports;

/// <summary>
/// The rendered files of a report version, as stored (content-addressed by their SHA-256, lower-case hex).
/// </summary>
public sealed record ReportFiles(string PdfSha256, long PdfSize, string HtmlSha256, long HtmlSize, int PageCount, DateTimeOffset GeneratedAt)
{
    public const int Sha256Length = 64;
}
