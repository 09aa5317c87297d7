using CaseManager.Domain.Identity;

namespace CaseManager.Application.Clients.Queries.ListClientNames;

/// <summary>Every client's id and name, by name: what a client filter offers (no counts, unlike <c>ListClientsQuery</c>).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ListClientNamesQuery : IQuery<IReadOnlyList<ClientNameDto>>;

public sealed record ClientNameDto(Guid Id, string Name);

public sealed class ListClientNamesQueryHandler(IApplicationDbContext db) : IQueryHandler<ListClientNamesQuery, IReadOnlyList<ClientNameDto>>
{
    public async ValueTask<IReadOnlyList<ClientNameDto>> Handle(ListClientNamesQuery query, CancellationToken cancellationToken) =>
        await db.Clients.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new ClientNameDto(c.Id.Value, c.Name))
            .ToListAsync(cancellationToken);
}
