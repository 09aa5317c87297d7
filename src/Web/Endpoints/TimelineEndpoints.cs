using CaseManager.Application.Timeline;
using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CaseManager.Web.Endpoints;

/// <summary>
/// GET /api/cases/{id}/timeline: the case timeline as JSON (the page's items, oldest first; optional lane, host, q,
/// from, to filters). Staff, by cookie or an API key with the read scope; another organisation's or an unknown case is 404.
/// </summary>
public static class TimelineEndpoints
{
    public static void MapTimelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{id:guid}/timeline", async (Guid id, TimelineLane? lane, string? host, string? q, DateTimeOffset? from, DateTimeOffset? to,
                ISender sender, CancellationToken ct) =>
            {
                var timeline = await sender.Send(new GetCaseTimelineQuery(id, lane, host, q, from, to), ct);
                return Results.Ok(new TimelineResponse(timeline.CaseId, timeline.CaseNumber, timeline.Total, timeline.Items.Select(i => new TimelineItemResponse(
                    i.At, i.Lane.ToString(), i.Kind.ToString(), i.Text, i.Value, i.Host, i.Tactic?.ToString(), i.By, i.ManualId, i.EvidenceId)).ToList()));
            })
            .WithName("GetCaseTimeline")
            .WithSummary("A case's timeline: intake, case, evidence, analysis, manual events and notes, oldest first.")
            .Produces<TimelineResponse>()
            .RequireAuthorization(new AuthorizeAttribute(Policies.Staff) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme })
            .AddEndpointFilter<ApiExceptionFilter>()
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Read));
    }

    public sealed record TimelineResponse(Guid CaseId, string CaseNumber, int Total, IReadOnlyList<TimelineItemResponse> Items);

    public sealed record TimelineItemResponse(
        DateTimeOffset At, string Lane, string Kind, string Text, string? Value, string? Host, string? Tactic, string? By, Guid? ManualId, Guid? EvidenceId);
}
