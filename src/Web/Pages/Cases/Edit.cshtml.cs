using CaseManager.Application.Cases.Commands.UpdateCase;
using CaseManager.Application.Cases.Queries.GetCaseDetails;

namespace CaseManager.Web.Pages.Cases;

public sealed class EditModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public CaseForm Input { get; set; } = new();

    public string Number { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var details = await sender.Send(new GetCaseDetailsQuery(Id), cancellationToken);
        Number = details.Number;
        Input = new CaseForm
        {
            ClientId = details.ClientId,
            Title = details.Title,
            Description = details.Description,
            Severity = details.Severity,
            Tlp = details.Tlp,
            DetectedAt = DateInput.FromUtc(details.DetectedAt),
            ReportedAt = DateInput.FromUtc(details.ReportedAt),
            EngagedAt = DateInput.FromUtc(details.EngagedAt),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(
                new UpdateCaseCommand(Id, Input.Title, Input.Description, Input.Severity, Input.Tlp,
                    DateInput.ToUtc(Input.DetectedAt), DateInput.ToUtc(Input.ReportedAt), DateInput.ToUtc(Input.EngagedAt)),
                cancellationToken);
            TempData["Flash"] = "Case saved.";
            return RedirectToPage("Details", new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            Number = (await sender.Send(new GetCaseDetailsQuery(Id), cancellationToken)).Number;
            return Page();
        }
    }
}
