using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Pages.Account;

/// <summary>
/// Sign-in. Attempts are rate-limited per address (see WebDependencyInjection); failures lock one address out of one
/// account, never the account everywhere (ADR-004). Unknown, disabled and known accounts get the same answer.
/// </summary>
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, SignInFailures failures, IOptions<SignInLimitsOptions> limits, IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
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
            ModelState.AddModelError(string.Empty, string.Format(CultureInfo.CurrentCulture, l["Sign-in from your address is locked after too many failed attempts. Try again in {0} minutes."], limits.Value.Lockout.Minutes));
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            failures.Reset(address, email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        failures.RecordFailure(address, email);
        logger.LogWarning("Failed sign-in for {Email} from {Address}", email, address);

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
