using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Queries.GetCaseDashboard;

/// <summary>
/// The case list's dashboard: open (not closed) cases counted by phase, by client and by severity, each count grouped
/// in the database. A new breakdown (incident type, once cases are classified) is one more entry in
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
}

public sealed class GetCaseDashboardQueryHandler(IApplicationDbContext db) : IQueryHandler<GetCaseDashboardQuery, CaseDashboardDto>
{
    /// <summary>Clients beyond this many (by open cases) are summed into one "other" bucket with an empty key.</summary>
    public const int MaxClients = 12;

    public async ValueTask<CaseDashboardDto> Handle(GetCaseDashboardQuery query, CancellationToken cancellationToken)
    {
        var open = db.Cases.AsNoTracking().Where(c => c.Phase != CasePhase.Closed);
        var phases = await open.GroupBy(c => c.Phase).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var severities = await open.GroupBy(c => c.Severity).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var clients = await open
            .GroupBy(c => c.ClientId)
            .Select(g => new { g.Key, Count = g.Count() })
            .Join(db.Clients, g => g.Key, k => k.Id, (g, k) => new { Id = k.Id.Value, k.Name, g.Count })
            .ToListAsync(cancellationToken);

        var byClient = clients.OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .Take(MaxClients).Select(c => new CaseCountDto(c.Id.ToString(), c.Name, c.Count)).ToList();
        if (clients.Count > MaxClients)
        {
            byClient.Add(new CaseCountDto(string.Empty, null, clients.OrderByDescending(c => c.Count).Skip(MaxClients).Sum(c => c.Count)));
        }

        return new CaseDashboardDto(
            phases.Sum(p => p.Count),
            [
                new(CaseBreakdown.Phase, Enum.GetValues<CasePhase>().Where(p => p != CasePhase.Closed)
                    .Select(p => new CaseCountDto(p.ToString(), null, phases.FirstOrDefault(x => x.Key == p)?.Count ?? 0)).ToList()),
                new(CaseBreakdown.Severity, Enum.GetValues<Severity>().Reverse()
                    .Select(s => new CaseCountDto(s.ToString(), null, severities.FirstOrDefault(x => x.Key == s)?.Count ?? 0)).ToList()),
                new(CaseBreakdown.Client, byClient),
            ]);
    }
}
