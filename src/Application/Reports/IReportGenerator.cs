using CaseManager.Domain.Cases;

namespace CaseManager.Application.Reports;

/// <summary>
/// Builds a case's client report (PDF and standalone HTML, one language) from the case as it is now: classification,
/// timeline, hosts, evidence and findings, confirmed indicators, remediation and custody. The workflow (draft, review,
/// publish, retract) stores what this returns; it never re-renders a published version.
/// </summary>
public interface IReportGenerator
{
    Task<GeneratedReport> GenerateAsync(ReportRequest request, CancellationToken cancellationToken);
}

/// <param name="CaseId">The case the report is about.</param>
/// <param name="Language">"en" or "zh-CN" (<see cref="ReportLanguages"/>).</param>
/// <param name="Version">The version number printed on the cover and every page footer.</param>
/// <param name="AuthorName">The consultant who generated the draft (display name).</param>
/// <param name="GeneratedAt">When the draft was generated (UTC).</param>
/// <param name="Narrative">The consultant's Markdown sections.</param>
public sealed record ReportRequest(
    CaseId CaseId,
    string Language,
    int Version,
    string AuthorName,
    DateTimeOffset GeneratedAt,
    ReportNarrative Narrative);

/// <summary>The sections a consultant writes, in Markdown (rendered sanitised: no scripts, no remote images).</summary>
public sealed record ReportNarrative(string? ExecutiveSummary, string? Recommendations)
{
    public const int MaxLength = 50_000;

    public static ReportNarrative Empty { get; } = new(null, null);
}

/// <param name="Pdf">The PDF (PDFsharp), text extractable, TLP label on every page.</param>
/// <param name="Html">A standalone UTF-8 HTML document with print CSS and no external requests.</param>
/// <param name="PageCount">Pages of the PDF.</param>
public sealed record GeneratedReport(byte[] Pdf, byte[] Html, int PageCount);

public static class ReportLanguages
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    public static bool IsSupported(string? language) => language is English or Chinese;
}
