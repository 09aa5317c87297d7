namespace CaseManager.Infrastructure.Identity;

/// <summary>Sign-in limits, bound from the "SignIn" configuration section (see ADR-004).</summary>
public sealed class SignInLimitsOptions
{
    public const string SectionName = "SignIn";

    public RateLimitSettings RateLimit { get; set; } = new();

    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>Sign-in attempts (POSTs to the sign-in page) per client address and window.</summary>
    public sealed class RateLimitSettings
    {
        public int PermitLimit { get; set; } = 10;

        public int WindowSeconds { get; set; } = 60;
    }

    /// <summary>Failures after which one address may not try one account for a while; other addresses are not affected.</summary>
    public sealed class LockoutSettings
    {
        public int MaxFailures { get; set; } = 5;

        public int Minutes { get; set; } = 15;
    }
}
