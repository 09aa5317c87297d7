using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Application.Clients.Queries.ListClients;

namespace CaseManager.Web.Pages.Admin.Users;

public sealed class CreateModel(ISender sender) : PageModel
{
    [BindProperty]
    public UserForm Input { get; set; } = new();

    public IReadOnlyList<ClientListItemDto> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Clients = await sender.Send(new ListClientsQuery(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new CreateUserCommand(Input.Email, Input.DisplayName, Input.Password ?? string.Empty, Input.Role, Input.ClientId), cancellationToken);
            TempData["Flash"] = "User created.";
            return RedirectToPage("Index");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            Clients = await sender.Send(new ListClientsQuery(), cancellationToken);
            return Page();
        }
    }
}
