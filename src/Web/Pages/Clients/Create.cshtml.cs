using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Clients;

namespace CaseManager.Web.Pages.Clients;

public sealed class CreateModel(ISender sender) : PageModel
{
    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public void OnGet()
    {
        Input.PreferredLanguage = Client.DefaultLanguage;
        Input.EnsureBlankRow();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new CreateClientCommand(Input.Name, Input.Industry, Input.Notes, Input.FilledContacts(), Input.PreferredLanguage), cancellationToken);
            TempData["Flash"] = "Client saved.";
            return RedirectToPage("Index");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            Input.PreferredLanguage ??= Client.DefaultLanguage;
            Input.EnsureBlankRow();
            return Page();
        }
    }
}
