using Microsoft.AspNetCore.Identity;

namespace CaseManager.Infrastructure.Identity;

/// <summary>A person who signs in. Client users carry the id of the one organisation they belong to.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const string ClientIdClaim = "casemanager:client_id";
    public const string DisplayNameClaim = "casemanager:display_name";

    /// <summary>Present when the account has two-factor sign-in enabled (refreshed with the cookie).</summary>
    public const string TwoFactorClaim = "casemanager:2fa";

    public string DisplayName { get; set; } = string.Empty;

    public Guid? ClientId { get; set; }

    public bool Disabled { get; set; }
}
