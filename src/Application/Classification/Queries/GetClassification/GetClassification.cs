using CaseManager.Application.Analysis;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Classification.Queries.GetClassification;

/// <summary>A case's suggested classification (every type scored, with its rationale), its confirmed one and the history.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetClassificationQuery(Guid CaseId) : IQuery<ClassificationDto>;

public sealed record ClassificationDto(
    Guid CaseId,
    string CaseNumber,
    string Title,
    CasePhase Phase,
    Severity CaseSeverity,
    ClassificationSuggestion Suggested,
    ClassificationDecisionDto? Confirmed,
    IReadOnlyList<ClassificationDecisionDto> History);

public sealed record ClassificationDecisionDto(
    IncidentType Type,
    string Key,
    string? Family,
    Severity Severity,
    IncidentType? SuggestedType,
    int SuggestedScore,
    bool IsOverride,
    string? Reason,
    string DecidedBy,
    DateTimeOffset DecidedAt);

public sealed class GetClassificationQueryHandler(IApplicationDbContext db, FindingPresenter presenter)
    : IQueryHandler<GetClassificationQuery, ClassificationDto>
{
    public async ValueTask<ClassificationDto> Handle(GetClassificationQuery query, CancellationToken cancellationToken)
    {
        var id = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Number, c.Title, c.Phase, c.Severity })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        var suggestion = await ClassificationEngine.SuggestAsync(db, presenter, id, cancellationToken);
        var history = (await db.Classifications.AsNoTracking().Where(d => d.CaseId == id).OrderByDescending(d => d.Id).ToListAsync(cancellationToken))
            .Select(d => new ClassificationDecisionDto(d.Type, d.Type.Key(), d.Family, d.Severity, d.SuggestedType, d.SuggestedScore, d.IsOverride, d.Reason, d.DecidedBy, d.DecidedAt))
            .ToList();
        return new ClassificationDto(query.CaseId, incident.Number.ToString(), incident.Title, incident.Phase, incident.Severity, suggestion, history.FirstOrDefault(), history);
    }
}
