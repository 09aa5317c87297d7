namespace CaseManager.Web.Pages.Admin.Yara;

/// <summary>A global rule set (admins): new, or a new version of an existing one.</summary>
public sealed class EditModel(ISender sender) : RuleSetEditor(sender)
{
    protected override Guid? ScopeCaseId => null;

    protected override IActionResult Saved(Guid id) => RedirectToPage("Index");
}
