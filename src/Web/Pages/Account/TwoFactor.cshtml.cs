using System.Globalization;
using System.Text;
using CaseManager.Application.Administration;
using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CaseManager.Web.Pages.Account;

/// <summary>
/// Two-factor sign-in for the signed-in user: enrol (QR code and the key to type by hand, then a code from the app to
/// prove it works), recovery codes (shown once, each usable once), new recovery codes, disable, and a new key. When an
/// admin requires two-factor sign-in for the user's role, this page is where the user is sent, and disabling is refused.
/// </summary>
public sealed class TwoFactorModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    TotpAuthenticatorTokenProvider totp,
    ITwoFactorPolicy policy,
    IAuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Issuer = "CaseManager";

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The key to type into the app, in groups of four.</summary>
    public string ManualKey { get; private set; } = string.Empty;

    /// <summary>The otpauth:// URI as a PNG data URI (an img, no script).</summary>
    public string QrCodeDataUri { get; private set; } = string.Empty;

    /// <summary>Set once, right after enabling or regenerating: the new recovery codes.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (!await VerifyAsync(user))
        {
            await LoadAsync(user, cancellationToken);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.RecordAsync(AuditEventTypes.TwoFactorEnabled, "user:" + user.Email, "authenticator app", cancellationToken);
        await audit.RecordAsync(AuditEventTypes.RecoveryCodesGenerated, "user:" + user.Email, "10 codes", cancellationToken);
        await signIn.RefreshSignInAsync(user); // the cookie now says two-factor is on
        Message = null;
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled || !await VerifyAsync(user))
        {
            await LoadAsync(user, cancellationToken);
            return Page();
        }

        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.RecordAsync(AuditEventTypes.RecoveryCodesGenerated, "user:" + user.Email, "10 codes; the earlier ones no longer work", cancellationToken);
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        await LoadAsync(user, cancellationToken);
        if (Required)
        {
            ModelState.AddModelError(string.Empty, l["Two-factor sign-in is required for your role and cannot be turned off. You can set up a new key instead."]);
            return Page();
        }

        if (!user.TwoFactorEnabled || !await VerifyAsync(user))
        {
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await NewKeyAsync(user);
        await audit.RecordAsync(AuditEventTypes.TwoFactorDisabled, "user:" + user.Email, null, cancellationToken);
        await signIn.RefreshSignInAsync(user);
        Message = l["Two-factor sign-in is off."];
        return RedirectToPage();
    }

    /// <summary>A new key (the old app entry stops working): two-factor sign-in is off until the new key is verified.</summary>
    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await NewKeyAsync(user);
        await audit.RecordAsync(AuditEventTypes.TwoFactorReset, "user:" + user.Email, "new key; two-factor off until verified", cancellationToken);
        await signIn.RefreshSignInAsync(user);
        Message = l["A new key was made. Add it to your app and enter a code to turn two-factor sign-in on again."];
        return RedirectToPage();
    }

    private async Task<bool> VerifyAsync(ApplicationUser user)
    {
        var (check, _) = await totp.CheckAsync(users, user, Code);
        if (check == TotpCheck.Valid && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code!.Replace(" ", string.Empty, StringComparison.Ordinal)))
        {
            return true;
        }

        ModelState.AddModelError(nameof(Code), check switch
        {
            TotpCheck.Replayed or TotpCheck.Valid => l["This code has already been used. Wait for the next code from your app."],
            TotpCheck.Expired => l["This code has expired. Enter the current code from your app (check the device's clock)."],
            _ => l["The code is wrong. Enter the six digits your authenticator app shows now."],
        });
        return false;
    }

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new UnauthorizedAccessException();

    private async Task LoadAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        Enabled = user.TwoFactorEnabled;
        var required = await policy.RequiredRolesAsync(cancellationToken);
        Required = (await users.GetRolesAsync(user)).Any(required.Contains);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await NewKeyAsync(user);
            await signIn.RefreshSignInAsync(user); // a new key changes the security stamp
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        ManualKey = Group(key);
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30");
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(QrPng(uri));
    }

    /// <summary>A new key; the replay guard (last used step) belonged to the old one.</summary>
    private async Task NewKeyAsync(ApplicationUser user)
    {
        await users.ResetAuthenticatorKeyAsync(user);
        await users.RemoveAuthenticationTokenAsync(user, TotpAuthenticatorTokenProvider.TokenStore, TotpAuthenticatorTokenProvider.LastStepToken);
    }

    public static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(5);
    }

    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
