using CaseManager.Application.Classification;
using CaseManager.Application.Classification.Queries.GetClassification;
using CaseManager.Application.Indicators.Queries.ExportIndicators;
using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Identity;
using CaseManager.Web.Pages.Shared.Analysis;
using Microsoft.AspNetCore.Authorization;

namespace CaseManager.Web.Endpoints;

/// <summary>
/// GET /api/cases/{id}/classification → {suggested:[{type, score, rationale:[…]}], confirmed, history};
/// GET /api/cases/{id}/indicators?format=json|csv|stix|blocklist[&amp;kind=ip|domain|hash]. Staff only (cookie or an API
/// key with the read scope); another case or an unknown one answers 404 as problem details.
/// </summary>
public static class CaseIntelligenceEndpoints
{
    public static void MapCaseIntelligenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases")
            .RequireAuthorization(new AuthorizeAttribute(Policies.Staff) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme })
            .AddEndpointFilter<ApiExceptionFilter>()
            .AddEndpointFilter(new ApiScopeFilter(ApiKeyScopes.Read))
            .WithTags("Cases");

        api.MapGet("/{id:guid}/classification", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var c = await sender.Send(new GetClassificationQuery(id), ct);
                return Results.Ok(new ClassificationResponse(
                    c.CaseId,
                    c.CaseNumber,
                    c.Phase.ToString(),
                    c.Suggested.Scores.Select(s => new TypeScoreResponse(s.Key, s.Score, s.Rationale.Select(r => Signal(c.CaseId, r)).ToList())).ToList(),
                    c.Suggested.Family,
                    c.Confirmed is { } d ? Decision(d) : null,
                    c.History.Select(Decision).ToList()));
            })
            .WithName("GetCaseClassification")
            .WithSummary("The case's suggested incident types (every type scored, with the signals behind it) and its confirmed classification.")
            .Produces<ClassificationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id:guid}/indicators", async (Guid id, string? format, string? kind, ISender sender, CancellationToken ct) =>
            {
                if (!Enum.TryParse<IndicatorExportFormat>(string.IsNullOrEmpty(format) ? "json" : format, ignoreCase: true, out var f) || !Enum.IsDefined(f) || char.IsDigit(format?[0] ?? 'j'))
                {
                    throw new ValidationException("format", "The format is json, csv, stix or blocklist.");
                }

                var file = await sender.Send(new ExportIndicatorsQuery(id, f, kind), ct);
                return f == IndicatorExportFormat.Json
                    ? Results.Text(file.Content, file.ContentType)
                    : Results.File(System.Text.Encoding.UTF8.GetBytes(file.Content), file.ContentType, file.FileName);
            })
            .WithName("GetCaseIndicators")
            .WithSummary("The case's IOC register: json and csv hold every entry; stix (a STIX 2.1 bundle) and blocklist (one value per line; kind=ip|domain|hash) only what is worth acting on.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/stix+json")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static SignalResponse Signal(Guid caseId, ClassificationSignal s) => new(
        s.Source.ToString().ToLowerInvariant(),
        s.Code,
        s.Label,
        s.Weight,
        s.EvidenceId,
        s.EvidenceName,
        s.Source switch
        {
            SignalSource.Symptom => $"/Cases/Intake/Edit/{caseId}",
            SignalSource.Indicator => $"/Cases/Indicators/Index/{caseId}?type={s.Code}",
            _ when s.EvidenceId is { } e => AnalysisViews.RowsUrl(s.Analyser, e, s.Reference) ?? $"/Cases/Evidence/Details/{e}",
            _ => null,
        });

    private static DecisionResponse Decision(ClassificationDecisionDto d) =>
        new(d.Key, d.Family, d.Severity.ToString(), d.SuggestedType is { } t ? Domain.Classification.IncidentTaxonomy.Key(t) : null, d.IsOverride, d.Reason, d.DecidedBy, d.DecidedAt);

    public sealed record ClassificationResponse(
        Guid CaseId, string CaseNumber, string Phase, IReadOnlyList<TypeScoreResponse> Suggested, string? SuggestedFamily, DecisionResponse? Confirmed, IReadOnlyList<DecisionResponse> History);

    public sealed record TypeScoreResponse(string Type, int Score, IReadOnlyList<SignalResponse> Rationale);

    public sealed record SignalResponse(string Source, string Code, string Label, int Weight, Guid? EvidenceId, string? EvidenceName, string? Link);

    public sealed record DecisionResponse(string Type, string? Family, string Severity, string? SuggestedType, bool IsOverride, string? Reason, string DecidedBy, DateTimeOffset DecidedAt);
}
