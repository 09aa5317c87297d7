using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Application.Evidence.Queries.ListEvidence;
using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CaseManager.Web.Endpoints;

/// <summary>
/// The resumable upload protocol used by the evidence page:
/// POST /api/evidence/cases/{caseId}/uploads {fileName, size} → {uploadId};
/// PUT /api/evidence/uploads/{id}?offset=N with the raw bytes → {offset} (409 {offset} when the server has a different offset);
/// GET /api/evidence/uploads/{id} → {offset} (where to resume); POST /api/evidence/uploads/{id}/complete {receivedFrom} → {evidenceId}.
/// Signed-in browsers (cookie + antiforgery header) or <c>Authorization: Bearer</c> API keys (upload scope; read scope for the status).
/// </summary>
public static class EvidenceUploadEndpoints
{
    /// <summary>Largest accepted chunk; files of any size (up to the configured limit) are sent as many chunks.</summary>
    public const long MaxChunkBytes = 64L * 1024 * 1024;

    public static void MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        // Uploads: staff, and client users where the case allows it (the commands check the case and the tenant).
        var api = app.MapGroup("/api/evidence")
            .RequireAuthorization(new AuthorizeAttribute(Policies.StaffOrClient) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme })
            .AddEndpointFilter<AntiforgeryFilter>()
            .AddEndpointFilter<ApiExceptionFilter>();

        api.MapPost("/cases/{caseId:guid}/uploads", async (Guid caseId, BeginUploadRequest body, ISender sender, CancellationToken ct) =>
            Results.Ok(new { uploadId = await sender.Send(new BeginEvidenceUploadCommand(caseId, body.FileName ?? string.Empty, body.Size), ct) }))
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Upload));

        api.MapGet("/uploads/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            Results.Ok(new UploadOffset(await sender.Send(new GetUploadOffsetQuery(id), ct))))
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Upload));

        api.MapPut("/uploads/{id:guid}", async (Guid id, long offset, HttpRequest request, ISender sender, CancellationToken ct) =>
                Results.Ok(new UploadOffset(await sender.Send(new AppendEvidenceChunkCommand(id, offset, request.Body), ct))))
            .WithMetadata(new RequestSizeLimitAttribute(MaxChunkBytes))
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Upload));

        api.MapPost("/uploads/{id:guid}/complete", async (Guid id, CompleteUploadRequest? body, HttpContext http, ISender sender, CancellationToken ct) =>
            Results.Ok(new { evidenceId = await sender.Send(new CompleteEvidenceUploadCommand(id, ReceivedFrom(body, http)), ct) }))
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Upload));

        api.MapGet("/cases/{caseId:guid}/status", async (Guid caseId, ISender sender, CancellationToken ct) =>
            Results.Ok((await sender.Send(new ListEvidenceQuery(caseId), ct))
                .Select(e => new { id = e.Id, status = e.Status.ToString(), progress = e.Progress, message = e.Message, findings = e.FindingCount })))
            .RequireAuthorization(new AuthorizeAttribute(Policies.Staff) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme })
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Read));
    }

    private static string ReceivedFrom(CompleteUploadRequest? body, HttpContext http)
    {
        var note = string.IsNullOrWhiteSpace(body?.ReceivedFrom) ? "upload" : body.ReceivedFrom.Trim();
        if (note.Length > 200)
        {
            note = note[..200];
        }

        return $"{note} (web upload from {http.Connection.RemoteIpAddress})";
    }

    public sealed record BeginUploadRequest(string? FileName, long Size);

    public sealed record CompleteUploadRequest(string? ReceivedFrom);
}
