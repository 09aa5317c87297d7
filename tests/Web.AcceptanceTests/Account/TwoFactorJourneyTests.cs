using CaseManager.Domain.Identity;

namespace CaseManager.Web.AcceptanceTests.Account;

/// <summary>In Chromium: enrol in two-factor sign-in with a code computed here from the key on the page, then sign in with a TOTP.</summary>
public sealed class TwoFactorJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Browser!2fa-Passw0rd";

    [Fact]
    public async Task Consultant_EnrolsWithTheQrKey_SignsOut_AndSignsInWithATotp()
    {
        var email = "totp.browser@test.local";
        await fixture.App.CreateUserAsync(email, Password, Roles.Consultant, null);
        var page = await fixture.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.SignInAsync(email, Password);
        new Uri(page.Url).AbsolutePath.ShouldBe("/", "sign-in lands on the dashboard");

        await page.GotoAsync("/Account/TwoFactor");
        (await page.Locator("#qr-code").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(100, "the QR code image loads under the CSP");
        var key = (await page.Locator("#manual-key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "two-factor-enrol-en");
        await page.FillAsync("#Code", TestTotp.CodeNow(key));
        await page.ClickAsync("#enable-form button[type=submit]");
        await page.Locator("#recovery-codes").WaitForAsync();
        (await page.Locator("#recovery-codes li").CountAsync()).ShouldBe(10);
        (await page.Locator("#twofactor-status").GetAttributeAsync("data-enabled")).ShouldBe("true");
        await fixture.ScreenshotAsync(page, "two-factor-recovery-codes-en");

        await page.ClickAsync("form[action='/Account/Logout'] button");
        await page.WaitForURLAsync("**/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", Password);
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForURLAsync("**/Account/LoginTwoFactor**");
        await fixture.ScreenshotAsync(page, "two-factor-sign-in-en");

        // The enrolment used this step's code; the next step's (within the allowed drift) signs in.
        await page.FillAsync("#Code", TestTotp.Code(key, TestTotp.StepNow() + 1));
        await page.ClickAsync("#totp-form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        (await page.Locator("main h1").InnerTextAsync()).ShouldBe("My dashboard");

        await new LoginPage(page).SwitchLanguageAsync("zh-CN");
        await page.GotoAsync("/Account/TwoFactor");
        (await page.Locator("main h1").InnerTextAsync()).ShouldBe("双重验证登录");
        await fixture.ScreenshotAsync(page, "two-factor-manage-zh-CN");
    }

    [Fact]
    public async Task Admin_SeesTheAuditLogAndSecuritySettings_InBothLanguages()
    {
        var page = await fixture.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        await page.GotoAsync("/Admin/Audit?handler=Verify");
        (await page.Locator("#chain-status").GetAttributeAsync("data-intact")).ShouldBe("true");
        (await page.Locator("#audit-table tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await fixture.ScreenshotAsync(page, "audit-log-en");
        await page.GotoAsync("/Admin/Security");
        await fixture.ScreenshotAsync(page, "security-settings-en");

        await login.SwitchLanguageAsync("zh-CN");
        await page.GotoAsync("/Admin/Audit?handler=Verify");
        (await page.Locator("main h1").InnerTextAsync()).ShouldBe("审计日志");
        await fixture.ScreenshotAsync(page, "audit-log-zh-CN");
        await page.GotoAsync("/Admin/Security");
        await fixture.ScreenshotAsync(page, "security-settings-zh-CN");
        await page.GotoAsync("/Account/LoginTwoFactor");
        await page.GotoAsync("/Account/TwoFactor");
        await fixture.ScreenshotAsync(page, "two-factor-enrol-zh-CN");
    }
}
