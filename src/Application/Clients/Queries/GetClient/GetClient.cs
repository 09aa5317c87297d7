using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Clients.Queries.GetClient;

[Authorize(Roles = Roles.Staff)]
public sealed record GetClientQuery(Guid Id) : IQuery<ClientDto>;

public sealed record ClientDto(Guid Id, string Name, string? Industry, string? Notes, IReadOnlyList<ContactInput> Contacts, string PreferredLanguage = Client.DefaultLanguage);

public sealed class GetClientQueryHandler(IApplicationDbContext db) : IQueryHandler<GetClientQuery, ClientDto>
{
    public async ValueTask<ClientDto> Handle(GetClientQuery query, CancellationToken cancellationToken)
    {
        var id = new ClientId(query.Id);
        var client = await db.Clients.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Client), query.Id);
        return new ClientDto(
            client.Id.Value,
            client.Name,
            client.Industry,
            client.Notes,
            client.Contacts.OrderBy(c => c.Id).Select(c => new ContactInput(c.Name, c.Role, c.Phone, c.Email)).ToList(),
            client.PreferredLanguage);
    }
}
