using CaseManager.Domain.Identity;

namespace CaseManager.Web.Pages;

/// <summary>Sends each role to its home: staff to the case list, client users to their portal.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.IsInRole(Roles.Client) ? RedirectToPage("/Portal/Index") : RedirectToPage("/Cases/Index");
}
