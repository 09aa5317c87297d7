using CaseManager.Application.Clients.Queries.ListClients;

namespace CaseManager.Web.Pages.Clients;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ClientListItemDto> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Clients = await sender.Send(new ListClientsQuery(), cancellationToken);
}
