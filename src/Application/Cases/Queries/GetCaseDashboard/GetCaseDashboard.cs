using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Queries.GetCaseDashboard;

/// <summary>
/// The case list's dashboard: open (not closed) cases counted by phase, by client and by severity, each count grouped
/// in the database, and by confirmed incident type. A new breakdown is one more entry in
/// <see cref="CaseDashboardDto.Breakdowns"/>: add its <see cref="CaseBreakdown"/> key here, the page draws every entry.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetCaseDashboardQuery : IQuery<CaseDashboardDto>;

/// <summary>Total open cases and one breakdown per dimension, in display order.</summary>
public sealed record CaseDashboardDto(int OpenCases, IReadOnlyList<CaseBreakdownDto> Breakdowns);

/// <summary>
/// Counts of open cases along one dimension (<see cref="CaseBreakdown"/>). <c>Key</c> of a bucket is what the case
/// list filters by (a phase or severity name, a client id); <c>Label</c> is the data label (a client's name) or null
/// when the page translates the key (phases, severities).
/// </summary>
public sealed record CaseBreakdownDto(string Dimension, IReadOnlyList<CaseCountDto> Counts);

public sealed record CaseCountDto(string Key, string? Label, int Count);

/// <summary>The dimensions the dashboard knows; each is also the name of the case list's filter parameter.</summary>
public static class CaseBreakdown
{
    public const string Phase = "Phase";
    public const string Client = "ClientId";
    public const string Severity = "Severity";

    /// <summary>The confirmed incident type (the newest classification decision); the case list's <c>Type</c> filter.</summary>
    public const string Type = "Type";

    /// <summary>The <see cref="Type"/> bucket of open cases without a confirmed classification.</summary>
    public const string Unclassified = "Unclassified";
}

/// <remarks>
/// The counts are cached briefly (<see cref="ICaseReadCache"/>): every case list request shows them, and grouping every
/// open case was most of that request's cost. A change saved to a case, a client or a classification shows at once.
/// </remarks>
public sealed class GetCaseDashboardQueryHandler(IApplicationDbContext db, ICaseReadCache cache) : IQueryHandler<GetCaseDashboardQuery, CaseDashboardDto>
{
    /// <summary>Clients beyond this many (by open cases) are summed into one "other" bucket with an empty key.</summary>
    public const int MaxClients = 12;

    public ValueTask<CaseDashboardDto> Handle(GetCaseDashboardQuery query, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(nameof(GetCaseDashboardQuery), Load, cancellationToken);

    private async Task<CaseDashboardDto> Load(CancellationToken cancellationToken)
    {
        // One pass over the open cases, grouped by every dimension at once (at most phases × severities × clients groups);
        // each breakdown is a sum over those groups. The type is the newest decision's (decisions are only ever added).
        var open = db.Cases.AsNoTracking().Where(c => c.Phase != CasePhase.Closed);
        var groups = await open
            .GroupBy(c => new { c.Phase, c.Severity, c.ClientId })
            .Select(g => new { g.Key.Phase, g.Key.Severity, g.Key.ClientId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var types = await db.Classifications.AsNoTracking()
            .Where(d => d.Id == db.Classifications.Where(x => x.CaseId == d.CaseId).Max(x => x.Id))
            .Where(d => open.Any(c => c.Id == d.CaseId))
            .GroupBy(d => d.Type)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var clientIds = groups.Select(g => g.ClientId).Distinct().ToList();
        var names = await db.Clients.AsNoTracking().Where(k => clientIds.Contains(k.Id))
            .Select(k => new { k.Id, k.Name })
            .ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);

        var openCases = groups.Sum(g => g.Count);
        var clients = groups.GroupBy(g => g.ClientId).Where(g => names.ContainsKey(g.Key))
            .Select(g => new { Id = g.Key.Value, Name = names[g.Key], Count = g.Sum(x => x.Count) })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();
        var byClient = clients.Take(MaxClients).Select(c => new CaseCountDto(c.Id.ToString(), c.Name, c.Count)).ToList();
        if (clients.Count > MaxClients)
        {
            byClient.Add(new CaseCountDto(string.Empty, null, clients.Skip(MaxClients).Sum(c => c.Count)));
        }

        var byType = types.OrderByDescending(t => t.Count).ThenBy(t => t.Key)
            .Select(t => new CaseCountDto(t.Key.ToString(), null, t.Count)).ToList();
        var unclassified = openCases - types.Sum(t => t.Count);
        if (unclassified > 0)
        {
            byType.Add(new CaseCountDto(CaseBreakdown.Unclassified, null, unclassified));
        }

        return new CaseDashboardDto(
            openCases,
            [
                new(CaseBreakdown.Phase, Enum.GetValues<CasePhase>().Where(p => p != CasePhase.Closed)
                    .Select(p => new CaseCountDto(p.ToString(), null, groups.Where(g => g.Phase == p).Sum(g => g.Count))).ToList()),
                new(CaseBreakdown.Severity, Enum.GetValues<Severity>().Reverse()
                    .Select(s => new CaseCountDto(s.ToString(), null, groups.Where(g => g.Severity == s).Sum(g => g.Count))).ToList()),
                new(CaseBreakdown.Client, byClient),
                new(CaseBreakdown.Type, byType),
            ]);
    }
}
