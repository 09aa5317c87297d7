using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Identity;

/// <summary>
/// Refuses sign-in (and cookie refresh) for disabled accounts, and makes unknown, disabled and locked accounts cost one
/// password-hash check like a wrong password does, so the answer's timing does not tell which accounts exist.
/// </summary>
internal sealed class ApplicationSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _placeholderHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendAPasswordCheck(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (result.IsNotAllowed || result.IsLockedOut)
        {
            SpendAPasswordCheck(password); // refused before the password was checked
        }

        return result;
    }

    public override async Task<bool> CanSignInAsync(ApplicationUser user) => !user.Disabled && await base.CanSignInAsync(user);

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { Disabled: false } ? user : null;
    }

    /// <summary>Verifies the password against a placeholder hash, costing what a real check costs.</summary>
    private void SpendAPasswordCheck(string password)
    {
        var placeholder = new ApplicationUser();
        _placeholderHash ??= UserManager.PasswordHasher.HashPassword(placeholder, Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(placeholder, _placeholderHash, password ?? string.Empty);
    }
}
