using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports.Queries.ListReports;

/// <summary>
/// A case's report versions, newest first. Staff: every version in every state, with its narrative, review history and
/// downloads. A client user: only published versions of its own organisation's case (another organisation's case is
/// "not found"), without narrative drafts, history or the download log.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record ListReportsQuery(Guid CaseId) : IQuery<CaseReportsView>;

public sealed record CaseReportsView(Guid CaseId, string CaseNumber, string CaseTitle, string ClientName, string DefaultLanguage, IReadOnlyList<ReportVersionDto> Versions);

public sealed record ReportVersionDto(
    Guid Id,
    int Version,
    ReportState State,
    string Language,
    string? ExecutiveSummary,
    string? Recommendations,
    string PdfSha256,
    long PdfSize,
    string HtmlSha256,
    long HtmlSize,
    int PageCount,
    DateTimeOffset GeneratedAt,
    string AuthorName,
    DateTimeOffset CreatedAt,
    string? SubmittedByName,
    DateTimeOffset? SubmittedAt,
    string? ReviewerName,
    DateTimeOffset? PublishedAt,
    string? RetractedByName,
    DateTimeOffset? RetractedAt,
    string? RetractionReason,
    bool Editable,
    bool MayApprove,
    IReadOnlyList<ReportHistoryDto> History,
    IReadOnlyList<ReportDownloadDto> Downloads);

public sealed record ReportHistoryDto(ReportAction Action, string ByName, DateTimeOffset At, string? Text);

public sealed record ReportDownloadDto(ReportFormat Format, string UserName, bool ByClient, string? IpAddress, DateTimeOffset At);

public sealed class ListReportsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListReportsQuery, CaseReportsView>
{
    public async ValueTask<CaseReportsView> Handle(ListReportsQuery query, CancellationToken cancellationToken)
    {
        var client = currentUser.IsInRole(Roles.Client);
        var caseId = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Join(db.Clients, c => c.ClientId, o => o.Id, (c, o) => new { c.ClientId, Number = c.Number.Value, c.Title, Client = o.Name, o.PreferredLanguage })
            .SingleOrDefaultAsync(cancellationToken);
        if (incident is null || (client && incident.ClientId != currentUser.ClientId))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        var reports = await db.Reports.AsNoTracking().Include(r => r.History)
            .Where(r => r.CaseId == caseId && (!client || r.State == ReportState.Published))
            .OrderByDescending(r => r.Version)
            .ToListAsync(cancellationToken);
        List<ReportDownload> downloadRows = client ? [] : await db.ReportDownloads.AsNoTracking().Where(d => d.CaseId == caseId).ToListAsync(cancellationToken);
        var downloads = downloadRows.OrderByDescending(d => d.At).ToLookup(d => d.ReportId);
        var versions = reports.Select(r => client
                ? new ReportVersionDto(
                    r.Id.Value, r.Version, r.State, r.Language, null, null, r.Files.PdfSha256, r.Files.PdfSize, r.Files.HtmlSha256, r.Files.HtmlSize, r.Files.PageCount,
                    r.Files.GeneratedAt, r.AuthorName, r.CreatedAt, null, null, r.ReviewerName, r.PublishedAt, null, null, null, false, false, [], [])
                : new ReportVersionDto(
                    r.Id.Value, r.Version, r.State, r.Language, r.ExecutiveSummary, r.Recommendations, r.Files.PdfSha256, r.Files.PdfSize, r.Files.HtmlSha256, r.Files.HtmlSize,
                    r.Files.PageCount, r.Files.GeneratedAt, r.AuthorName, r.CreatedAt, r.SubmittedByName, r.SubmittedAt, r.ReviewerName, r.PublishedAt, r.RetractedByName,
                    r.RetractedAt, r.RetractionReason, r.Editable, r.State == ReportState.InReview && !r.IsAuthoredBy(currentUser.UserId),
                    r.History.OrderBy(h => h.At).Select(h => new ReportHistoryDto(h.Action, h.ByName, h.At, h.Text)).ToList(),
                    downloads[r.Id].Select(d => new ReportDownloadDto(d.Format, d.UserName, d.ByClient, d.IpAddress, d.At)).ToList()))
            .ToList();
        return new CaseReportsView(query.CaseId, incident.Number, incident.Title, incident.Client, incident.PreferredLanguage, versions);
    }
}
