using CaseManager.Application.Clients.Queries.ListClientNames;
using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Queries.ListCases;

[Authorize(Roles = Roles.Staff)]
public sealed record ListCasesQuery(
    int Page = 1,
    int PageSize = 25,
    Guid? ClientId = null,
    CasePhase? Phase = null,
    Severity? Severity = null,
    string? Search = null,
    IncidentType? Type = null,
    bool Unclassified = false) : IQuery<PagedList<CaseListItemDto>>;

public sealed record CaseListItemDto(
    Guid Id,
    string Number,
    string Title,
    Guid ClientId,
    string ClientName,
    Severity Severity,
    TrafficLightProtocol Tlp,
    CasePhase Phase,
    DateTimeOffset CreatedAt);

public sealed class ListCasesQueryHandler(IApplicationDbContext db, ICaseReadCache cache) : IQueryHandler<ListCasesQuery, PagedList<CaseListItemDto>>
{
    public const int MaxPageSize = 100;

    /// <summary>Shorter terms do not search the intake's hosts (one letter or digit would match almost every host).</summary>
    public const int MinIntakeTermLength = 2;

    public async ValueTask<PagedList<CaseListItemDto>> Handle(ListCasesQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var cases = db.Cases.AsNoTracking();
        var unfiltered = query is { ClientId: null, Phase: null, Severity: null, Type: null, Unclassified: false } && string.IsNullOrWhiteSpace(query.Search);
        if (query.ClientId is { } clientGuid)
        {
            var clientId = new ClientId(clientGuid);
            cases = cases.Where(c => c.ClientId == clientId);
        }

        if (query.Phase is { } phase)
        {
            cases = cases.Where(c => c.Phase == phase);
        }

        if (query.Severity is { } severity)
        {
            cases = cases.Where(c => c.Severity == severity);
        }

        if (query.Unclassified)
        {
            cases = cases.Where(c => !db.Classifications.Any(d => d.CaseId == c.Id));
        }
        else if (query.Type is { } type)
        {
            // The case's type is its newest classification decision (decisions are only ever added).
            cases = cases.Where(c => db.Classifications.Where(d => d.CaseId == c.Id).OrderByDescending(d => d.Id)
                .Select(d => (IncidentType?)d.Type).FirstOrDefault() == type);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();

            // The case's own text (number, title, description, intake hosts: one index, IApplicationDbContext.CasesContaining)
            // or its client's name, as a UNION of case ids rather than one OR over a join, so each arm uses its own index.
            // Client names are matched in the cached client list, and their cases join the union only when one matches:
            // PostgreSQL expects a client's share of all cases from that arm and would then read every case to join them.
            var clients = (await ListClientNamesQueryHandler.CachedAsync(db, cache, cancellationToken))
                .Where(k => k.Name.Contains(term, StringComparison.OrdinalIgnoreCase)).Select(k => new ClientId(k.Id)).ToList();
            var matching = db.CasesContaining(term, withDescription: true);
            if (clients.Count > 0)
            {
                matching = matching.Union(db.Cases.Where(c => clients.Contains(c.ClientId)).Select(c => c.Id));
            }

            cases = cases.Where(c => matching.Contains(c.Id));
        }

        int total;
        IQueryable<IncidentCase> onPage;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // A text search scans several columns: it runs once, for the numbers of the matching cases, which give the
            // count and this page's cases (instead of once to count and once more for the page).
            var found = await cases.Select(c => new { c.Id, Number = c.Number.Value }).ToListAsync(cancellationToken);
            total = found.Count;
            var ids = found.OrderByDescending(c => c.Number, StringComparer.Ordinal)
                .Skip((page - 1) * pageSize).Take(pageSize).Select(c => c.Id).ToList();
            onPage = db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id));
        }
        else
        {
            // The unfiltered list's count is the same for every page: cached briefly, as the dashboard's counts are.
            total = unfiltered
                ? await cache.GetOrLoadAsync("CaseCount", ct => cases.CountAsync(ct), cancellationToken)
                : await cases.CountAsync(cancellationToken);
            onPage = cases.OrderByDescending(c => c.Number).Skip((page - 1) * pageSize).Take(pageSize);
        }

        var items = await onPage
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new CaseListItemDto(
                c.Id.Value, c.Number.Value, c.Title, k.Id.Value, k.Name, c.Severity, c.Tlp, c.Phase, c.CreatedAt))
            .ToListAsync(cancellationToken);
        items.Sort((a, b) => string.CompareOrdinal(b.Number, a.Number)); // newest number first, as the page was chosen
        return new PagedList<CaseListItemDto>(items, page, pageSize, total);
    }
}
