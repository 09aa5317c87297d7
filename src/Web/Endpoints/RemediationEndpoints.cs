using CaseManager.Application.Remediation.Queries;
using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CaseManager.Web.Endpoints;

/// <summary>
/// GET /api/cases/{id}/remediation → the case's checklist: items with stage, status, assignee, source finding code and
/// command, and progress per stage. Staff only (cookie or an API key with the read scope); unknown case → 404.
/// </summary>
public static class RemediationEndpoints
{
    public static void MapRemediationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases")
            .RequireAuthorization(new AuthorizeAttribute(Policies.Staff) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme })
            .AddEndpointFilter<ApiExceptionFilter>()
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Read))
            .WithTags("Cases");

        api.MapGet("/{id:guid}/remediation", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(new GetRemediationQuery(id), ct);
                return Results.Ok(new RemediationResponse(
                    view.CaseId,
                    view.CaseNumber,
                    view.Completed,
                    view.Total,
                    view.Progress.Select(p => new StageProgressResponse(Key(p.Stage), p.Completed, p.Total)).ToList(),
                    view.Items.Select(i => new RemediationItemResponse(
                        i.Id,
                        Key(i.Stage),
                        Key(i.Status),
                        i.Source == Domain.Remediation.RemediationSource.Playbook ? "playbook" : "finding",
                        i.PlaybookVersion,
                        i.TextEn,
                        i.Action,
                        i.Target,
                        i.FindingCode,
                        i.Command,
                        i.EvidenceId,
                        i.AssigneeName,
                        i.AssignedToClient,
                        i.DueOn,
                        i.Overdue,
                        i.Note,
                        i.Reason,
                        i.UpdatedBy,
                        i.UpdatedAt,
                        i.VerifiedByEvidenceId,
                        i.StillPresentInEvidenceId)).ToList()));
            })
            .WithName("GetCaseRemediation")
            .WithSummary("The case's remediation checklist: playbook steps and actions on exact targets from findings, with status, assignee and progress per stage.")
            .Produces<RemediationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string Key<T>(T value)
        where T : struct, Enum => value.ToString() switch
        {
            "InProgress" => "in-progress",
            "WontDo" => "wont-do",
            var s => s.ToLowerInvariant(),
        };
}

public sealed record RemediationResponse(Guid CaseId, string CaseNumber, int Completed, int Total, IReadOnlyList<StageProgressResponse> Stages, IReadOnlyList<RemediationItemResponse> Items);

public sealed record StageProgressResponse(string Stage, int Completed, int Total);

public sealed record RemediationItemResponse(
    Guid Id,
    string Stage,
    string Status,
    string Source,
    int? PlaybookVersion,
    string? Text,
    string? Action,
    string? Target,
    string? FindingCode,
    string? Command,
    Guid? EvidenceId,
    string? Assignee,
    bool AssignedToClient,
    DateOnly? DueOn,
    bool Overdue,
    string? Note,
    string? Reason,
    string? UpdatedBy,
    DateTimeOffset UpdatedAt,
    Guid? VerifiedByEvidenceId,
    Guid? StillPresentInEvidenceId);
