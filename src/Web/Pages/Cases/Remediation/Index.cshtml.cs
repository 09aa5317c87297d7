using CaseManager.Application.Remediation.Commands;
using CaseManager.Web.Pages.Shared.Remediation;

namespace CaseManager.Web.Pages.Cases.Remediation;

/// <summary>The case's remediation checklist: progress per stage, items with their targets and commands, assignment, status and proofs.</summary>
public sealed class IndexModel(ISender sender) : RemediationPageModel(sender)
{
    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Sender.Send(new AssignRemediationItemCommand(Input.ItemId, Input.AssigneeUserId, Input.DueOn), cancellationToken);
            TempData["Flash"] = "Item updated.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            return await RefusedAsync(ex, cancellationToken);
        }
    }
}
