using CaseManager.Application.Clients.Commands.UpdateClient;
using CaseManager.Application.Clients.Queries.GetClient;

namespace CaseManager.Web.Pages.Clients;

public sealed class EditModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var client = await sender.Send(new GetClientQuery(Id), cancellationToken);
        Input = new ClientForm
        {
            Name = client.Name,
            Industry = client.Industry,
            Notes = client.Notes,
            PreferredLanguage = client.PreferredLanguage,
            Contacts = client.Contacts.Select(c => new ClientForm.ContactRow { Name = c.Name, Role = c.Role, Phone = c.Phone, Email = c.Email }).ToList(),
        };
        Input.EnsureBlankRow();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new UpdateClientCommand(Id, Input.Name, Input.Industry, Input.Notes, Input.FilledContacts(), Input.PreferredLanguage), cancellationToken);
            TempData["Flash"] = "Client saved.";
            return RedirectToPage("Index");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            Input.EnsureBlankRow();
            return Page();
        }
    }
}
