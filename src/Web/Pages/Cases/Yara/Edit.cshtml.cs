using CaseManager.Web.Pages.Admin.Yara;

namespace CaseManager.Web.Pages.Cases.Yara;

/// <summary>One of a case's rule sets (staff): new, or a new version of an existing one.</summary>
public sealed class EditModel(ISender sender) : RuleSetEditor(sender)
{
    [BindProperty(SupportsGet = true)]
    public Guid CaseId { get; set; }

    protected override Guid? ScopeCaseId => CaseId;

    protected override IActionResult Saved(Guid id) => RedirectToPage("Index", new { id = CaseId });
}
