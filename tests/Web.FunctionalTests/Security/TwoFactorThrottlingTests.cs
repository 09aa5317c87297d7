using System.Net;
using CaseManager.Domain.Identity;
using static CaseManager.Web.FunctionalTests.Security.TwoFactorSteps;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>The second sign-in step counts toward the same limits as passwords (ADR-004): lockout per address and account, 429 per address.</summary>
public sealed class TwoFactorThrottlingTests(SignInLimitsApp app) : IClassFixture<SignInLimitsApp>
{
    [Fact]
    public async Task WrongCodes_LockThatAddressOutOfTheAccount_EvenForTheRightCode_OtherAddressesUnaffected()
    {
        var email = "tf-lock@web.test";
        await app.CreateUserAsync(email, Roles.Consultant, null);
        var (key, _) = await EnrolAsync(await app.SignedInClientAsync(email));

        var attacker = app.NewClientFrom("198.51.100.7");
        (await PasswordAsync(attacker, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        for (var i = 0; i < 3; i++)
        {
            (await (await CodeAsync(attacker, TestTotp.WrongCode(key))).Content.ReadAsStringAsync()).ShouldContain("The code is wrong.");
        }

        var locked = await CodeAsync(attacker, TestTotp.Code(key, TestTotp.StepNow() + 1));
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("Sign-in from your address is locked");

        var owner = app.NewClientFrom("198.51.100.8");
        await PasswordAsync(owner, email);
        (await CodeAsync(owner, TestTotp.Code(key, TestTotp.StepNow() + 1))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SecondStepPosts_AreRateLimitedPerAddress_429WithRetryAfter()
    {
        var client = app.NewClientFrom("198.51.100.20");
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 9; i++)
        {
            last = await client.PostAsync("/Account/LoginTwoFactor", new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = "000000", ["__RequestVerificationToken"] = token }));
            if (i < 8)
            {
                last.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
            }
        }

        last!.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.ShouldNotBeNull();
    }
}
