using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Remediation.Queries;

namespace CaseManager.Web.Pages.Portal.Remediation;

/// <summary>The client's view of a case's remediation: only the items assigned to their organisation, which they update.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public CaseManager.Web.Pages.Cases.Remediation.IndexModel.ItemForm Input { get; set; } = new();

    public RemediationView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await sender.Send(new GetRemediationQuery(Id), cancellationToken);

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new UpdateRemediationItemCommand(Input.ItemId, Input.Status, Input.Note, Input.Reason, Input.Proof), cancellationToken);
            TempData["Flash"] = "Item updated.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
            MoveErrorsToSummary();
            View = await sender.Send(new GetRemediationQuery(Id), cancellationToken);
            return Page();
        }
    }

    /// <summary>Each item has its own form: the errors go to the summary at the top, where they are seen.</summary>
    private void MoveErrorsToSummary()
    {
        var messages = ModelState.Where(e => e.Key.Length > 0).SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage)).ToList();
        foreach (var message in messages)
        {
            ModelState.AddModelError(string.Empty, message);
        }
    }
}
