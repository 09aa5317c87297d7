using CaseManager.Domain.Identity;

namespace CaseManager.Application.Clients.Queries.ListClientNames;

/// <summary>Every client's id and name, by name: what a client filter offers (no counts, unlike <c>ListClientsQuery</c>).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ListClientNamesQuery : IQuery<IReadOnlyList<ClientNameDto>>;

public sealed record ClientNameDto(Guid Id, string Name);

/// <remarks>Cached briefly (<see cref="ICaseReadCache"/>): every case list page shows the filter.</remarks>
public sealed class ListClientNamesQueryHandler(IApplicationDbContext db, ICaseReadCache cache) : IQueryHandler<ListClientNamesQuery, IReadOnlyList<ClientNameDto>>
{
    public ValueTask<IReadOnlyList<ClientNameDto>> Handle(ListClientNamesQuery query, CancellationToken cancellationToken) =>
        CachedAsync(db, cache, cancellationToken);

    /// <summary>The cached list, for other handlers that need the names (the search box matches a term in them).</summary>
    public static ValueTask<IReadOnlyList<ClientNameDto>> CachedAsync(IApplicationDbContext db, ICaseReadCache cache, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync<IReadOnlyList<ClientNameDto>>(nameof(ListClientNamesQuery), async ct => await db.Clients.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new ClientNameDto(c.Id.Value, c.Name))
            .ToListAsync(ct), cancellationToken);
}
