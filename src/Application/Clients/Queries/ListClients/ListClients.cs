using CaseManager.Domain.Identity;

namespace CaseManager.Application.Clients.Queries.ListClients;

[Authorize(Roles = Roles.Staff)]
public sealed record ListClientsQuery : IQuery<IReadOnlyList<ClientListItemDto>>;

public sealed record ClientListItemDto(Guid Id, string Name, string? Industry, int ContactCount, int CaseCount, int OpenCaseCount);

public sealed class ListClientsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListClientsQuery, IReadOnlyList<ClientListItemDto>>
{
    public async ValueTask<IReadOnlyList<ClientListItemDto>> Handle(ListClientsQuery query, CancellationToken cancellationToken) =>
        await db.Clients.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new ClientListItemDto(
                c.Id.Value,
                c.Name,
                c.Industry,
                c.Contacts.Count,
                db.Cases.Count(k => k.ClientId == c.Id),
                db.Cases.Count(k => k.ClientId == c.Id && k.Phase != Domain.Cases.CasePhase.Closed)))
            .ToListAsync(cancellationToken);
}
