using CaseManager.Application.Common.Interfaces;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Endpoints;

/// <summary>
/// The collectors' one-request upload (<c>casemgr-collect.sh --upload URL --token T</c>, <c>casemgr-collect.ps1 -Upload URL -Token T</c>):
/// POST /api/collector/cases/{caseId}/bundles?name=FILE with the bundle as the body and that case's collector key
/// (<c>Bearer cmk_…</c>, upload scope, one case) → {evidenceId, sha256, size}, the hash the evidence register recorded, which the
/// collector compares with its own. The collector is given <c>…/api/collector/cases/{caseId}/</c> as its upload address (the
/// case's collect page shows the command line). The bytes go through the same upload commands (quotas, case rules, custody)
/// as the resumable API.
/// </summary>
public static class CollectorEndpoints
{
    /// <summary>Largest bundle accepted in one request (a triage bundle is typically a few MB).</summary>
    public const long MaxBundleBytes = 1024L * 1024 * 1024;

    public static void MapCollectorApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/collector/cases/{caseId:guid}/bundles", UploadAsync)
            .RequireAuthorization(new AuthorizeAttribute(Policies.StaffOrClient) { AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName })
            .WithMetadata(new RequestSizeLimitAttribute(MaxBundleBytes))
            .AddEndpointFilter<ApiExceptionFilter>()
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Upload));
    }

    /// <summary>The collector's upload address for a case (what <c>--upload</c> is given).</summary>
    public static string UploadAddress(string serverUrl, Guid caseId) => $"{serverUrl.TrimEnd('/')}/api/collector/cases/{caseId}/";

    private static async Task<IResult> UploadAsync(Guid caseId, string? name, HttpContext http, ISender sender, IApplicationDbContext db, CancellationToken ct)
    {
        if (http.User.FindFirst(ApiKeyAuthenticationHandler.CaseClaim)?.Value is not { } claim || !Guid.TryParse(claim, out var keyCase))
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden, "Only a collector token (created on the case's collect page) can upload a bundle here.");
        }

        if (keyCase != caseId)
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden, "This collector token is for another case.");
        }

        if (http.Request.ContentLength is not { } size || size <= 0)
        {
            return ApiProblems.Result(StatusCodes.Status411LengthRequired, "Send the bundle as the request body with its Content-Length.");
        }

        var fileName = string.IsNullOrWhiteSpace(name) ? "triage-bundle.tar.gz" : Path.GetFileName(name.Trim());
        var uploadId = await sender.Send(new BeginEvidenceUploadCommand(caseId, fileName, size), ct);
        await sender.Send(new AppendEvidenceChunkCommand(uploadId, 0, http.Request.Body), ct);
        var host = http.Request.Headers["X-Collector-Host"].ToString();
        var from = string.IsNullOrWhiteSpace(host) ? "collector" : "collector on " + new string(host.Trim().Where(c => !char.IsControl(c)).Take(100).ToArray());
        var evidenceId = await sender.Send(new CompleteEvidenceUploadCommand(uploadId, $"{from} (upload from {http.Connection.RemoteIpAddress})"), ct);
        var id = new EvidenceId(evidenceId);
        var stored = await db.Evidence.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Sha256, e.Size }).SingleAsync(ct);
        return Results.Ok(new CollectorUploadResult(evidenceId, stored.Sha256, stored.Size));
    }

    public sealed record CollectorUploadResult(Guid EvidenceId, string Sha256, long Size);
}
