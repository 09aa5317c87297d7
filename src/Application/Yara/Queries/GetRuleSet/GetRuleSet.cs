using CaseManager.Domain.Identity;
using CaseManager.Domain.Yara;

namespace CaseManager.Application.Yara.Queries.GetRuleSet;

/// <summary>One rule set with its source and version history (newest first).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetYaraRuleSetQuery(Guid Id, Guid? CaseId) : IQuery<YaraRuleSetDetailsDto>;

public sealed record YaraRuleSetVersionDto(int Version, int RuleCount, string SavedBy, DateTimeOffset SavedAt, string Source);

public sealed record YaraRuleSetDetailsDto(Guid Id, string Name, Guid? CaseId, bool Enabled, int Version, string Source, IReadOnlyList<YaraRuleSetVersionDto> Versions);

public sealed class GetYaraRuleSetQueryHandler(IApplicationDbContext db) : IQueryHandler<GetYaraRuleSetQuery, YaraRuleSetDetailsDto>
{
    public async ValueTask<YaraRuleSetDetailsDto> Handle(GetYaraRuleSetQuery query, CancellationToken cancellationToken)
    {
        var set = await db.YaraRuleSets.AsNoTracking().Include(r => r.Versions)
            .SingleOrDefaultAsync(r => r.Id == query.Id && r.CaseId == query.CaseId, cancellationToken)
            ?? throw new NotFoundException(nameof(YaraRuleSet), query.Id);
        return new YaraRuleSetDetailsDto(
            set.Id,
            set.Name,
            set.CaseId,
            set.Enabled,
            set.Version,
            set.Source,
            set.Versions.OrderByDescending(v => v.Version).Select(v => new YaraRuleSetVersionDto(v.Version, v.RuleCount, v.SavedBy, v.SavedAt, v.Source)).ToList());
    }
}
