using CaseManager.Application.Reports.Commands.GenerateReportDraft;
using CaseManager.Application.Reports.Commands.GetReportFile;
using CaseManager.Application.Reports.Queries.ListReports;
using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace CaseManager.Web.Endpoints;

/// <summary>
/// Client reports (issue 14). <c>POST /api/cases/{id}/reports</c> {"language": "en" | "zh-CN"} generates a draft (staff,
/// cookie with antiforgery token or an API key with the upload scope; never a one-case collector key) → 201 {version…};
/// an unknown language is a 400 problem. <c>GET /api/cases/{id}/reports</c> lists the versions (staff: all, with their
/// states; client users: published ones of their own organisation). <c>GET /api/cases/{id}/reports/{version}.pdf</c> and
/// <c>.html</c> download a version's file (client users: published only; anything else is 404), recorded and audited;
/// always as an attachment, with nosniff, and the HTML also under a sandboxing CSP so it never runs in our origin.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases")
            .RequireAuthorization(new AuthorizeAttribute(Policies.StaffOrClient) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme })
            .AddEndpointFilter<ApiExceptionFilter>()
            .WithTags("Reports");

        api.MapPost("/{id:guid}/reports", async (Guid id, GenerateReportRequest? body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new GenerateReportDraftCommand(id, body?.Language, body?.ExecutiveSummary, body?.Recommendations), ct);
                return Results.Created($"/api/cases/{id}/reports/{created.Version}.pdf", new ReportCreatedResponse(created.ReportId, created.Version, created.Language, Key(created.State)));
            })
            .RequireAuthorization(new AuthorizeAttribute(Policies.Staff) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme })
            .AddEndpointFilter<AntiforgeryFilter>()
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Upload))
            .WithName("GenerateCaseReport")
            .WithSummary("Generates a new draft version of the case's report (language: \"en\" or \"zh-CN\"; default: the client's preferred language).")
            .Produces<ReportCreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id:guid}/reports", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(new ListReportsQuery(id), ct);
                return Results.Ok(new ReportListResponse(view.CaseId, view.CaseNumber, view.DefaultLanguage, view.Versions.Select(v => new ReportVersionResponse(
                    v.Version, Key(v.State.ToString()), v.Language, v.PdfSha256, v.PdfSize, v.HtmlSha256, v.HtmlSize, v.PageCount, v.GeneratedAt, v.AuthorName,
                    v.SubmittedAt, v.ReviewerName, v.PublishedAt, v.RetractedAt, v.RetractionReason,
                    $"/api/cases/{id}/reports/{v.Version}.pdf", $"/api/cases/{id}/reports/{v.Version}.html")).ToList()));
            })
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Read))
            .WithName("ListCaseReports")
            .WithSummary("The case's report versions, newest first: staff see every state, client users only published versions.")
            .Produces<ReportListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id:guid}/reports/{version:int}.pdf", (Guid id, int version, HttpContext http, ISender sender, CancellationToken ct) =>
                DownloadAsync(id, version, ReportFormat.Pdf, http, sender, ct))
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Read))
            .WithName("DownloadCaseReportPdf")
            .WithSummary("A report version's PDF, as an attachment (client users: published versions only).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id:guid}/reports/{version:int}.html", (Guid id, int version, HttpContext http, ISender sender, CancellationToken ct) =>
                DownloadAsync(id, version, ReportFormat.Html, http, sender, ct))
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Read))
            .WithName("DownloadCaseReportHtml")
            .WithSummary("A report version's standalone HTML, as an attachment under a sandboxing CSP (client users: published versions only).")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DownloadAsync(Guid id, int version, ReportFormat format, HttpContext http, ISender sender, CancellationToken ct)
    {
        var file = await sender.Send(new GetReportFileCommand(id, version, format, http.Connection.RemoteIpAddress?.ToString()), ct);
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.CacheControl] = "private, no-store";
        headers["X-Content-SHA256"] = file.Sha256;
        if (format == ReportFormat.Html)
        {
            // Downloaded, never rendered in our origin; if a browser shows it anyway, it runs sandboxed with nothing allowed.
            headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";
        }

        return Results.File(file.Content, file.ContentType, file.FileName);
    }

    private static string Key(string state) => state switch
    {
        nameof(ReportState.InReview) => "in-review",
        var s => s.ToLowerInvariant(),
    };
}

public sealed record GenerateReportRequest(string? Language, string? ExecutiveSummary = null, string? Recommendations = null);

public sealed record ReportCreatedResponse(Guid Id, int Version, string Language, string State);

public sealed record ReportListResponse(Guid CaseId, string CaseNumber, string DefaultLanguage, IReadOnlyList<ReportVersionResponse> Versions);

public sealed record ReportVersionResponse(
    int Version,
    string State,
    string Language,
    string PdfSha256,
    long PdfSize,
    string HtmlSha256,
    long HtmlSize,
    int PageCount,
    DateTimeOffset GeneratedAt,
    string Author,
    DateTimeOffset? SubmittedAt,
    string? Reviewer,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? RetractedAt,
    string? RetractionReason,
    string PdfUrl,
    string HtmlUrl);
