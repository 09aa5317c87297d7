using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Remediation.Queries;
using CaseManager.Domain.Remediation;

namespace CaseManager.Web.Pages.Cases.Remediation;

/// <summary>The case's remediation checklist: progress per stage, items with their targets and commands, assignment and status.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ItemForm Input { get; set; } = new();

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

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new AssignRemediationItemCommand(Input.ItemId, Input.AssigneeUserId, Input.DueOn), cancellationToken);
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

    public sealed class ItemForm
    {
        public Guid ItemId { get; set; }

        public RemediationStatus Status { get; set; }

        public string? Note { get; set; }

        public string? Reason { get; set; }

        public string? Proof { get; set; }

        public string? AssigneeUserId { get; set; }

        public DateOnly? DueOn { get; set; }
    }
}
