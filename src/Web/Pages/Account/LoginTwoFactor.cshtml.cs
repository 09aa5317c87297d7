using System.Globalization;
using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Pages.Account;

/// <summary>
/// The second sign-in step, after a correct password: a code from the authenticator app (each 30-second code works once;
/// wrong, replayed and expired codes are refused with their own message) or a recovery code (each works once). Attempts
/// count toward the same per-address rate limit and address+account lockout as passwords (ADR-004, ADR-006).
/// </summary>
public sealed class LoginTwoFactorModel(
    SignInManager<ApplicationUser> signIn,
    TotpAuthenticatorTokenProvider totp,
    SignInFailures failures,
    IOptions<SignInLimitsOptions> limits,
    IAuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToLogin() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToLogin();
        }

        if (Locked(user, out var locked))
        {
            return locked;
        }

        var (check, _) = await totp.CheckAsync(signIn.UserManager, user, Code);
        if (check == TotpCheck.Valid)
        {
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code!.Replace(" ", string.Empty, StringComparison.Ordinal), isPersistent: false, rememberClient: false);
            if (result.Succeeded)
            {
                return await SucceededAsync(user, "password + authenticator code");
            }

            check = TotpCheck.Replayed; // another request used the same code a moment earlier
        }

        await FailedAsync(user, "authenticator code: " + check.ToString().ToLowerInvariant());
        ModelState.AddModelError(nameof(Code), check switch
        {
            TotpCheck.Replayed => l["This code has already been used. Wait for the next code from your app."],
            TotpCheck.Expired => l["This code has expired. Enter the current code from your app (check the device's clock)."],
            _ => l["The code is wrong. Enter the six digits your authenticator app shows now."],
        });
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToLogin();
        }

        if (Locked(user, out var locked))
        {
            return locked;
        }

        var code = (RecoveryCode ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (code.Length > 0 && (await signIn.TwoFactorRecoveryCodeSignInAsync(code)).Succeeded)
        {
            var left = await signIn.UserManager.CountRecoveryCodesAsync(user);
            await audit.RecordAsync(new AuditEvent(AuditEventTypes.RecoveryCodeUsed, "user:" + user.Email, string.Create(CultureInfo.InvariantCulture, $"{left} recovery codes left")) { Actor = user.Email, ActorId = user.Id });
            return await SucceededAsync(user, "password + recovery code");
        }

        await FailedAsync(user, "recovery code: wrong or already used");
        ModelState.AddModelError(nameof(RecoveryCode), l["The recovery code is wrong or has already been used."]);
        return Page();
    }

    private bool Locked(ApplicationUser user, out IActionResult result)
    {
        result = Page();
        if (!failures.IsLockedOut(Address, user.UserName!))
        {
            return false;
        }

        ModelState.AddModelError(string.Empty, string.Format(CultureInfo.CurrentCulture, l["Sign-in from your address is locked after too many failed attempts. Try again in {0} minutes."], limits.Value.Lockout.Minutes));
        return true;
    }

    private async Task<IActionResult> SucceededAsync(ApplicationUser user, string how)
    {
        failures.Reset(Address, user.UserName!);
        await audit.RecordAsync(new AuditEvent(AuditEventTypes.SignInSucceeded, "user:" + user.Email, how) { Actor = user.Email, ActorId = user.Id });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private async Task FailedAsync(ApplicationUser user, string why)
    {
        failures.RecordFailure(Address, user.UserName!);
        await audit.RecordAsync(new AuditEvent(AuditEventTypes.SignInFailed, "user:" + user.Email, why) { Actor = user.Email, ActorId = user.Id });
    }

    private string Address => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private RedirectToPageResult RedirectToLogin() => RedirectToPage("/Account/Login", new { ReturnUrl });
}
