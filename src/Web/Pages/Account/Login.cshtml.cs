using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Pages.Account;

/// <summary>
/// Sign-in. Attempts are rate-limited per address (see WebDependencyInjection); failures lock one address out of one
/// account, never the account everywhere (ADR-004). Unknown, disabled and known accounts get the same answer.
/// </summary>
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, SignInFailures failures, IOptions<SignInLimitsOptions> limits, IAuditLog audit, IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var email = Input.Email.Trim();
        if (failures.IsLockedOut(address, email))
        {
            logger.LogWarning("Sign-in attempt for {Email} from {Address}, which is locked out of it", email, address);
            await audit.RecordAsync(new AuditEvent(AuditEventTypes.SignInFailed, "user:" + email, "address locked out of this account") { Actor = email });
            ModelState.AddModelError(string.Empty, string.Format(CultureInfo.CurrentCulture, l["Sign-in from your address is locked after too many failed attempts. Try again in {0} minutes."], limits.Value.Lockout.Minutes));
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            failures.Reset(address, email);
            var user = await signIn.UserManager.FindByNameAsync(email);
            await audit.RecordAsync(new AuditEvent(AuditEventTypes.SignInSucceeded, "user:" + email, "password") { Actor = user?.Email ?? email, ActorId = user?.Id });
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; the second step (same throttling) finishes the sign-in.
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }

        failures.RecordFailure(address, email);
        logger.LogWarning("Failed sign-in for {Email} from {Address}", email, address);
        await audit.RecordAsync(new AuditEvent(AuditEventTypes.SignInFailed, "user:" + email, "wrong password, unknown or disabled account") { Actor = email });

        // Same message for unknown, wrong password and disabled accounts: no account enumeration.
        ModelState.AddModelError(string.Empty, l["Invalid e-mail or password, or the account is disabled."]);
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = string.Empty;
    }
}
