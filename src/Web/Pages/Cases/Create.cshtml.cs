using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Queries.ListClients;

namespace CaseManager.Web.Pages.Cases;

public sealed class CreateModel(ISender sender) : PageModel
{
    [BindProperty]
    public CaseForm Input { get; set; } = new();

    public IReadOnlyList<ClientListItemDto> Clients { get; private set; } = [];

    public async Task OnGetAsync(Guid? clientId, CancellationToken cancellationToken)
    {
        Input.ClientId = clientId;
        Clients = await sender.Send(new ListClientsQuery(), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var id = await sender.Send(
                new OpenCaseCommand(Input.ClientId ?? Guid.Empty, Input.Title, Input.Description, Input.Severity, Input.Tlp,
                    DateInput.ToUtc(Input.DetectedAt), DateInput.ToUtc(Input.ReportedAt), DateInput.ToUtc(Input.EngagedAt)),
                cancellationToken);
            return RedirectToPage("Details", new { id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
        }
        catch (NotFoundException)
        {
            this.AddValidationErrors(new ValidationException("ClientId", "Choose an existing client."), nameof(Input));
        }

        Clients = await sender.Send(new ListClientsQuery(), cancellationToken);
        return Page();
    }
}
