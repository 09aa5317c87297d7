using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Identity;

/// <summary>Adds the display name, for client users their organisation id, and whether two-factor sign-in is on, to the sign-in cookie.</summary>
internal sealed class ApplicationClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ApplicationUser.DisplayNameClaim, user.DisplayName));
        if (user.ClientId is { } clientId)
        {
            identity.AddClaim(new Claim(ApplicationUser.ClientIdClaim, clientId.ToString("D", CultureInfo.InvariantCulture)));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(ApplicationUser.TwoFactorClaim, "true"));
        }

        return identity;
    }
}
