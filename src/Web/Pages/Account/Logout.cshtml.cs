using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace CaseManager.Web.Pages.Account;

/// <summary>
/// Sign-out. The account's security stamp changes, so the cookie just cleared (and any copy of it) is refused from the next
/// request on (the cookie is checked against the stamp on every request). It ends the account's other sessions too.
/// </summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, IAuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(AuditEventTypes.SignedOut, "user:" + user.Email);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
