using CaseManager.Domain.Classification;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Remediation;

namespace CaseManager.Application.Remediation.Queries;

/// <summary>One version of a playbook: who saved it when, its number of steps and how many cases were given it.</summary>
public sealed record PlaybookVersionDto(int Version, string CreatedBy, DateTimeOffset CreatedAt, int Steps, int Cases);

/// <summary>
/// A type's playbook: its versions (newest first; none while the built-in steps have not been used or edited yet) and the
/// current steps. <see cref="CurrentVersion"/> is 0 while the built-in steps are not stored yet.
/// </summary>
public sealed record PlaybookDto(IncidentType Type, string Key, int CurrentVersion, IReadOnlyList<PlaybookStep> Steps, IReadOnlyList<PlaybookVersionDto> Versions)
{
    /// <summary>Cases that were given the current version (an edit leaves them on it and forks a new version).</summary>
    public int CasesOnCurrent => Versions.FirstOrDefault(v => v.Version == CurrentVersion)?.Cases ?? 0;
}

/// <summary>Every incident type's playbook, for the administrators' list.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record ListPlaybooksQuery : IQuery<IReadOnlyList<PlaybookDto>>;

/// <summary>One type's playbook, for the editor; an unknown type key is "not found".</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetPlaybookQuery(string TypeKey) : IQuery<PlaybookDto>;

public sealed class ListPlaybooksQueryHandler(IApplicationDbContext db) : IQueryHandler<ListPlaybooksQuery, IReadOnlyList<PlaybookDto>>
{
    public async ValueTask<IReadOnlyList<PlaybookDto>> Handle(ListPlaybooksQuery query, CancellationToken cancellationToken)
    {
        var result = new List<PlaybookDto>();
        foreach (var type in Enum.GetValues<IncidentType>())
        {
            result.Add(await PlaybookReader.ReadAsync(db, type, cancellationToken));
        }

        return result;
    }
}

public sealed class GetPlaybookQueryHandler(IApplicationDbContext db) : IQueryHandler<GetPlaybookQuery, PlaybookDto>
{
    public async ValueTask<PlaybookDto> Handle(GetPlaybookQuery query, CancellationToken cancellationToken)
    {
        var type = IncidentTaxonomy.FromKey(query.TypeKey) ?? throw new NotFoundException(nameof(PlaybookTemplate), query.TypeKey);
        return await PlaybookReader.ReadAsync(db, type, cancellationToken);
    }
}

internal static class PlaybookReader
{
    public static async Task<PlaybookDto> ReadAsync(IApplicationDbContext db, IncidentType type, CancellationToken cancellationToken)
    {
        var versions = await db.Playbooks.AsNoTracking().Where(p => p.Type == type).OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
        var prefix = $"playbook:{type.Key()}:";
        var cases = (await db.RemediationItems.AsNoTracking()
                .Where(i => i.Source == RemediationSource.Playbook && i.TargetKey.StartsWith(prefix))
                .Select(i => new { i.CaseId, i.PlaybookVersion })
                .Distinct()
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.PlaybookVersion)
            .ToDictionary(g => g.Key ?? 0, g => g.Count());
        var current = versions.FirstOrDefault();
        var steps = current is null
            ? RemediationPlanner.SeedSteps.TryGetValue(type.Key(), out var seed) ? seed : []
            : RemediationPlanner.Steps(current);
        return new PlaybookDto(
            type,
            type.Key(),
            current?.Version ?? 0,
            steps,
            versions.Select(v => new PlaybookVersionDto(v.Version, v.CreatedBy, v.CreatedAt, RemediationPlanner.Steps(v).Count, cases.GetValueOrDefault(v.Version))).ToList());
    }
}
