using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace CaseManager.Infrastructure.Identity;

/// <summary>Why an authenticator code was or was not accepted.</summary>
public enum TotpCheck
{
    Valid,

    /// <summary>Not six digits, or no code of the last few minutes.</summary>
    Wrong,

    /// <summary>The code of a time step already used to sign in (or to enrol): codes work once.</summary>
    Replayed,

    /// <summary>A real code, but older than the 30 seconds of clock drift allowed.</summary>
    Expired,
}

/// <summary>
/// Identity's authenticator provider ("Authenticator"), replaced: it accepts the code of the current 30-second step or of
/// one step either side (clock drift), and each step only once per account — the last accepted step is stored as a user
/// token, so a code seen over someone's shoulder cannot be replayed. Codes of 2–10 steps ago are reported as expired,
/// so the page can say so.
/// </summary>
public sealed class TotpAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string TokenStore = "[CaseManager]";
    public const string LastStepToken = "LastTotpStep";
    private const int Drift = 1;
    private const int ExpiredWindow = 10;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app generates the codes.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var (check, step) = await CheckAsync(manager, user, token);
        if (check != TotpCheck.Valid)
        {
            return false;
        }

        // Stored with the concurrency stamp: of two requests racing with the same code, only one is accepted.
        var result = await manager.SetAuthenticationTokenAsync(user, TokenStore, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
        return result.Succeeded;
    }

    /// <summary>Checks a code without using it up.</summary>
    public async Task<(TotpCheck Check, long Step)> CheckAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? code)
    {
        code = new string((code ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || string.IsNullOrWhiteSpace(key))
        {
            return (TotpCheck.Wrong, 0);
        }

        var secret = Totp.DecodeBase32(key);
        var now = Totp.StepAt(clock.GetUtcNow());
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenStore, LastStepToken), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        for (var step = now + Drift; step >= now - ExpiredWindow; step--)
        {
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Totp.Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                continue;
            }

            if (step < now - Drift)
            {
                return (TotpCheck.Expired, step);
            }

            return step <= last ? (TotpCheck.Replayed, step) : (TotpCheck.Valid, step);
        }

        return (TotpCheck.Wrong, 0);
    }
}
