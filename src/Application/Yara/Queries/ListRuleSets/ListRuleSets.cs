using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Yara.Queries.ListRuleSets;

/// <summary>
/// The rule sets that apply: the global ones, and with <paramref name="CaseId"/> also that case's ones, plus the scan
/// progress of the case's evidence (for the rescan view).
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ListYaraRuleSetsQuery(Guid? CaseId) : IQuery<YaraRuleSetsDto>;

public sealed record YaraRuleSetDto(Guid Id, string Name, Guid? CaseId, bool Enabled, int Version, int RuleCount, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record YaraScanProgressDto(Guid EvidenceId, string Name, EvidenceKind Kind, AnalysisStatus Status, int Progress, int Matches);

public sealed record YaraRuleSetsDto(string? CaseNumber, string? CaseTitle, IReadOnlyList<YaraRuleSetDto> Global, IReadOnlyList<YaraRuleSetDto> Case, IReadOnlyList<YaraScanProgressDto> Evidence);

public sealed class ListYaraRuleSetsQueryHandler(IApplicationDbContext db, IYaraEngine yara) : IQueryHandler<ListYaraRuleSetsQuery, YaraRuleSetsDto>
{
    public async ValueTask<YaraRuleSetsDto> Handle(ListYaraRuleSetsQuery query, CancellationToken cancellationToken)
    {
        string? number = null, title = null;
        List<YaraScanProgressDto> evidence = [];
        if (query.CaseId is { } id)
        {
            var caseId = new CaseId(id);
            var incident = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Number, c.Title }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException(nameof(IncidentCase), id);
            (number, title) = (incident.Number.Value, incident.Title);
            var items = await db.Evidence.AsNoTracking().Where(e => e.CaseId == caseId)
                .Select(e => new { e.Id, e.OriginalName, e.Kind, e.AnalysisStatus, e.AnalysisProgress, e.CreatedAt })
                .ToListAsync(cancellationToken);
            var matches = await db.EvidenceFindings.AsNoTracking().Where(f => f.Code == YaraCodes.Match)
                .Join(db.Evidence.Where(e => e.CaseId == caseId), f => f.EvidenceId, e => e.Id, (f, e) => f.EvidenceId)
                .GroupBy(e => e).Select(g => new { Id = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            evidence = items.Where(i => yara.Scans(i.Kind)).OrderBy(i => i.CreatedAt)
                .Select(i => new YaraScanProgressDto(i.Id.Value, i.OriginalName, i.Kind, i.AnalysisStatus, i.AnalysisProgress, matches.FirstOrDefault(m => m.Id == i.Id)?.Count ?? 0))
                .ToList();
        }

        var sets = await db.YaraRuleSets.AsNoTracking()
            .Where(r => r.CaseId == null || (query.CaseId != null && r.CaseId == query.CaseId))
            .Select(r => new YaraRuleSetDto(r.Id, r.Name, r.CaseId, r.Enabled, r.Version, r.RuleCount, r.UpdatedAt, r.UpdatedBy))
            .ToListAsync(cancellationToken);
        var ordered = sets.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new YaraRuleSetsDto(number, title, ordered.Where(r => r.CaseId is null).ToList(), ordered.Where(r => r.CaseId is not null).ToList(), evidence);
    }
}
