using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.Classification.Queries.GetClassification;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;

namespace CaseManager.Web.Pages.Cases.Classification;

/// <summary>The case's classification: every type scored with its rationale, the consultant's decision and its history.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public DecisionForm Input { get; set; } = new();

    public ClassificationDto Classification { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var confirmed = Classification.Confirmed;
        Input = new DecisionForm
        {
            Type = confirmed?.Type ?? Classification.Suggested.Top?.Type ?? IncidentType.Other,
            Family = confirmed?.Family ?? Classification.Suggested.Family,
            Severity = confirmed?.Severity ?? Classification.CaseSeverity,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new ConfirmClassificationCommand(Id, Input.Type, Input.Family, Input.Severity, Input.Reason), cancellationToken);
            TempData["Flash"] = "Classification saved.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Classification = await sender.Send(new GetClassificationQuery(Id), cancellationToken);

    public sealed class DecisionForm
    {
        public IncidentType Type { get; set; }

        public string? Family { get; set; }

        public Severity Severity { get; set; }

        public string? Reason { get; set; }
    }
}
