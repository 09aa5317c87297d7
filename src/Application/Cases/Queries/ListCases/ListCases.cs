using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
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
    string? Search = null) : IQuery<PagedList<CaseListItemDto>>;

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

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            var numberTerm = term.ToUpperInvariant();
            cases = cases.Where(c => c.Title.ToLower().Contains(term) || ((string)(object)c.Number).Contains(numberTerm));
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
