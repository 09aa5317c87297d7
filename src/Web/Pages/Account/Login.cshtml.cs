using System.ComponentModel.DataAnnotations;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Account;

public sealed class LoginModel(SignInManager<ApplicationUser> signIn, IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
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

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Locked-out sign-in attempt for {Email}", Input.Email);
            ModelState.AddModelError(string.Empty, l["This account is locked after too many failed attempts. Try again in 15 minutes."]);
        }
        else
        {
            // Same message for unknown, wrong password and disabled accounts: no account enumeration.
            ModelState.AddModelError(string.Empty, l["Invalid e-mail or password, or the account is disabled."]);
        }

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
