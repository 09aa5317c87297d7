using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Domain.Identity;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>The app with a small sign-in budget: 8 attempts per address and hour, 3 failures per address and account.</summary>
public sealed class SignInLimitsApp : WebTestApp
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignIn:RateLimit:PermitLimit", "8");
        builder.UseSetting("SignIn:RateLimit:WindowSeconds", "3600");
        builder.UseSetting("SignIn:Lockout:MaxFailures", "3");
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<ApplicationUser>>(Hasher));
    }
}

/// <summary>Counts password-hash verifications (the expensive step whose absence told unknown accounts apart).</summary>
public sealed class CountingPasswordHasher : PasswordHasher<ApplicationUser>
{
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Probe findings: no per-address sign-in limit; five wrong passwords from anywhere locked any account (the admin too);
/// known and unknown accounts answered differently; the sign-in cookie still worked after sign-out.
/// </summary>
public sealed partial class SignInTests(SignInLimitsApp app) : IClassFixture<SignInLimitsApp>
{
    [Fact]
    public async Task SignIn_FromOneAddress_IsLimited_With429AndRetryAfter_OtherAddressesAreNot()
    {
        var client = app.NewClientFrom("203.0.113.10");
        for (var attempt = 0; attempt < 8; attempt++)
        {
            (await WrongPasswordAsync(client, $"nobody{attempt}@web.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var limited = await WrongPasswordAsync(client, "nobody-more@web.test");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Headers.RetryAfter.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        (await WrongPasswordAsync(app.NewClientFrom("203.0.113.11"), "nobody@web.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongPasswordsFromOneAddress_DoNotLockTheAdminOutFromAnotherAddress()
    {
        var attacker = app.NewClientFrom("198.51.100.20");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await WrongPasswordAsync(attacker, TestApp.AdminEmail);
        }

        var attackerWithRightPassword = await SignInAsync(attacker, TestApp.AdminEmail, TestApp.AdminPassword);
        attackerWithRightPassword.StatusCode.ShouldBe(HttpStatusCode.OK, "the attacking address is locked out of this account");
        (await attackerWithRightPassword.Content.ReadAsStringAsync()).ShouldContain("locked");

        var admin = await SignInAsync(app.NewClientFrom("198.51.100.21"), TestApp.AdminEmail, TestApp.AdminPassword);
        admin.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task KnownAndUnknownAccounts_GetTheSameAnswer_AndTheSamePasswordCheck()
    {
        var known = $"known-{Guid.NewGuid():N}@web.test";
        await app.CreateUserAsync(known, Roles.Consultant, null);
        var unknown = $"unknown-{Guid.NewGuid():N}@web.test";
        var client = app.NewClientFrom("192.0.2.30");

        var before = app.Hasher.Verifications;
        var knownAnswer = await WrongPasswordAsync(client, known);
        var afterKnown = app.Hasher.Verifications;
        var unknownAnswer = await WrongPasswordAsync(client, unknown);
        var afterUnknown = app.Hasher.Verifications;

        (afterKnown - before).ShouldBe(1);
        (afterUnknown - afterKnown).ShouldBe(1, "an unknown account must cost one password-hash check too");
        knownAnswer.StatusCode.ShouldBe(unknownAnswer.StatusCode);
        Normalise(await knownAnswer.Content.ReadAsStringAsync(), known).ShouldBe(Normalise(await unknownAnswer.Content.ReadAsStringAsync(), unknown));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await WrongPasswordAsync(client, known);
            await WrongPasswordAsync(client, unknown);
        }

        var knownLocked = await WrongPasswordAsync(client, known);
        var unknownLocked = await WrongPasswordAsync(client, unknown);
        Normalise(await knownLocked.Content.ReadAsStringAsync(), known).ShouldBe(Normalise(await unknownLocked.Content.ReadAsStringAsync(), unknown));
        (await knownLocked.Content.ReadAsStringAsync()).ShouldContain("locked");
    }

    [Fact]
    public async Task SignOut_EndsTheSession_EvenForACopyOfTheCookie()
    {
        var email = $"signout-{Guid.NewGuid():N}@web.test";
        await app.CreateUserAsync(email, Roles.Consultant, null);
        var jar = new RawCookieHandler();
        var client = app.CreateDefaultClient(jar);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.40");
        (await SignInAsync(client, email, WebTestApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stolen = app.CreateDefaultClient(new RawCookieHandler(jar.Cookies));
        (await stolen.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var token = await client.AntiforgeryTokenAsync("/Cases");
        var signOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var afterSignOut = await stolen.GetAsync("/Cases");
        afterSignOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterSignOut.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
    }

    private static Task<HttpResponseMessage> WrongPasswordAsync(HttpClient client, string email) => SignInAsync(client, email, "Wrong!Password-1");

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>The page without what legitimately differs: the antiforgery token and the echoed e-mail.</summary>
    private static string Normalise(string html, string email) =>
        TokenValue().Replace(html, "TOKEN").Replace(email, "EMAIL", StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenValue();
}
