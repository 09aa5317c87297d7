using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Queries.GetCaseAnalysis;

/// <summary>What the analyses of all of a case's evidence found: the timeline, findings (worst first) and indicators.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetCaseAnalysisQuery(Guid CaseId) : IQuery<CaseAnalysisDto>;

public sealed record CaseAnalysisDto(
    IReadOnlyList<TimelineEntryDto> Timeline,
    IReadOnlyList<CaseFindingDto> Findings,
    IReadOnlyList<CaseIndicatorDto> Indicators,
    int IndicatorTotal);

public sealed record TimelineEntryDto(DateTimeOffset At, TimelineEntryKind Kind, string Subject, Guid EvidenceId);

public sealed record CaseFindingDto(FindingSeverity Severity, string Title, string Detail, Guid EvidenceId, string EvidenceName);

public sealed record CaseIndicatorDto(IndicatorType Type, string Value, int Sightings);

public sealed class GetCaseAnalysisQueryHandler(IApplicationDbContext db) : IQueryHandler<GetCaseAnalysisQuery, CaseAnalysisDto>
{
    public const int Shown = 100;

    public async ValueTask<CaseAnalysisDto> Handle(GetCaseAnalysisQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        var timeline = (await db.Timeline.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.UnixNanoseconds).ToListAsync(cancellationToken))
            .Select(t => new TimelineEntryDto(t.At, t.Kind, t.Subject, t.EvidenceId.Value))
            .ToList();
        var evidence = db.Evidence.Where(e => e.CaseId == caseId);
        var findings = await db.EvidenceFindings.AsNoTracking()
            .Join(evidence, f => f.EvidenceId, e => e.Id, (f, e) => new { f.Severity, f.Title, f.Detail, EvidenceId = e.Id.Value, e.OriginalName, f.Id })
            .ToListAsync(cancellationToken);
        var indicators = await db.EvidenceIndicators.AsNoTracking()
            .Join(evidence, i => i.EvidenceId, e => e.Id, (i, e) => new { i.Type, i.Value })
            .GroupBy(i => new { i.Type, i.Value })
            .Select(g => new { g.Key.Type, g.Key.Value, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new CaseAnalysisDto(
            timeline.OrderBy(t => t.At).ToList(),
            findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Id).Take(Shown)
                .Select(f => new CaseFindingDto(f.Severity, f.Title, f.Detail, f.EvidenceId, f.OriginalName)).ToList(),
            indicators.OrderByDescending(i => i.Count).ThenBy(i => i.Type).ThenBy(i => i.Value).Take(Shown)
                .Select(i => new CaseIndicatorDto(i.Type, i.Value, i.Count)).ToList(),
            indicators.Count);
    }
}
