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

public sealed class ListCasesQueryHandler(IApplicationDbContext db) : IQueryHandler<ListCasesQuery, PagedList<CaseListItemDto>>
{
    public const int MaxPageSize = 100;

    /// <summary>Shorter terms do not search the intake's hosts (one letter or digit would match almost every host).</summary>
    public const int MinIntakeTermLength = 2;

    public async ValueTask<PagedList<CaseListItemDto>> Handle(ListCasesQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var cases = db.Cases.AsNoTracking();
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
            var term = query.Search.Trim().ToLowerInvariant();
            var numberTerm = term.ToUpperInvariant();

            // Client names and the intake's hosts are matched once (an IN list), not once per case. Hostnames and IP
            // addresses come from the intake's HostSearchText (lower-case, kept with every save), not from its JSON.
            var clients = db.Clients.Where(k => k.Name.ToLower().Contains(term)).Select(k => k.Id);
            var hosts = db.Intakes.Where(i => term.Length >= MinIntakeTermLength && i.HostSearchText.Contains(term)).Select(i => i.CaseId);
            cases = cases.Where(c => c.Title.ToLower().Contains(term) || ((string)(object)c.Number).Contains(numberTerm)
                || (c.Description != null && c.Description.ToLower().Contains(term))
                || clients.Contains(c.ClientId)
                || hosts.Contains(c.Id));
        }

        var total = await cases.CountAsync(cancellationToken);
        var items = await cases
            .OrderByDescending(c => c.Number)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new CaseListItemDto(
                c.Id.Value, c.Number.Value, c.Title, k.Id.Value, k.Name, c.Severity, c.Tlp, c.Phase, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PagedList<CaseListItemDto>(items, page, pageSize, total);
    }
}
