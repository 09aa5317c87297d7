using CaseManager.Application.Clients.Commands.CreateClient;

namespace CaseManager.Web.Pages.Clients;

public sealed class CreateModel(ISender sender) : PageModel
{
    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public void OnGet() => Input.EnsureBlankRow();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new CreateClientCommand(Input.Name, Input.Industry, Input.Notes, Input.FilledContacts()), cancellationToken);
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
