using CaseManager.Application.Administration.Commands.UpdateUser;
using CaseManager.Application.Administration.Queries.ListUsers;
using CaseManager.Application.Clients.Queries.ListClients;

namespace CaseManager.Web.Pages.Admin.Users;

public sealed class EditModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public UserForm Input { get; set; } = new();

    public IReadOnlyList<ClientListItemDto> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await sender.Send(new GetUserQuery(Id), cancellationToken);
        Input = new UserForm { Email = user.Email, DisplayName = user.DisplayName, Role = user.Role, ClientId = user.ClientId, Disabled = user.Disabled };
        Clients = await sender.Send(new ListClientsQuery(), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new UpdateUserCommand(Id, Input.DisplayName, Input.Role, Input.ClientId, Input.Disabled), cancellationToken);
            TempData["Flash"] = "User saved.";
            return RedirectToPage("Index");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            Input.Email = (await sender.Send(new GetUserQuery(Id), cancellationToken)).Email;
            Clients = await sender.Send(new ListClientsQuery(), cancellationToken);
            return Page();
        }
    }
}
