using CaseManager.Application.Analysis;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Queries.GetCaseAnalysis;

/// <summary>
/// What the analyses of all of a case's evidence found: the timeline, findings (worst first) and indicators, the
/// malicious-looking and suspicious first; the ordinary context is counted and folded away by the page, never deleted.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetCaseAnalysisQuery(Guid CaseId) : IQuery<CaseAnalysisDto>;

public sealed record CaseAnalysisDto(
    IReadOnlyList<TimelineEntryDto> Timeline,
    IReadOnlyList<CaseFindingDto> Findings,
    IReadOnlyList<CaseIndicatorDto> Indicators,
    int IndicatorTotal,
    IReadOnlyList<CaseIndicatorDto> ContextIndicators,
    int ContextTotal);

public sealed record TimelineEntryDto(DateTimeOffset At, TimelineEntryKind Kind, string Subject, Guid? EvidenceId);

public sealed record CaseFindingDto(FindingView Finding, Guid EvidenceId, string EvidenceName, string? Analyser);

public sealed record CaseIndicatorDto(IndicatorType Type, string Value, IndicatorRelevance Relevance, int Sightings);

public sealed class GetCaseAnalysisQueryHandler(IApplicationDbContext db, FindingPresenter presenter) : IQueryHandler<GetCaseAnalysisQuery, CaseAnalysisDto>
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
            .Select(t => new TimelineEntryDto(t.At, t.Kind, t.Detail is { Length: > 0 } detail ? $"{detail} ({t.Subject})" : t.Subject, t.EvidenceId?.Value))
            .ToList();
        var evidence = db.Evidence.Where(e => e.CaseId == caseId);
        var findings = await db.EvidenceFindings.AsNoTracking()
            .Join(evidence, f => f.EvidenceId, e => e.Id, (f, e) => new { Finding = f, EvidenceId = e.Id.Value, e.OriginalName, e.Analyser })
            .OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Finding.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        var indicators = await db.EvidenceIndicators.AsNoTracking()
            .Join(evidence, i => i.EvidenceId, e => e.Id, (i, e) => new { i.Type, i.Value, i.Relevance })
            .GroupBy(i => new { i.Type, i.Value })
            .Select(g => new CaseIndicatorDto(g.Key.Type, g.Key.Value, g.Max(i => i.Relevance), g.Count()))
            .ToListAsync(cancellationToken);
        return new CaseAnalysisDto(
            timeline.OrderBy(t => t.At).ToList(),
            findings.Select(f => new CaseFindingDto(presenter.Present(f.Finding), f.EvidenceId, f.OriginalName, f.Analyser)).ToList(),
            Top(indicators.Where(i => i.Relevance != IndicatorRelevance.Context)),
            indicators.Count(i => i.Relevance != IndicatorRelevance.Context),
            Top(indicators.Where(i => i.Relevance == IndicatorRelevance.Context)),
            indicators.Count(i => i.Relevance == IndicatorRelevance.Context));

        static List<CaseIndicatorDto> Top(IEnumerable<CaseIndicatorDto> list) =>
            list.OrderByDescending(i => i.Relevance).ThenByDescending(i => i.Sightings).ThenBy(i => i.Type).ThenBy(i => i.Value).Take(Shown).ToList();
    }
}
