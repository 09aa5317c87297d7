using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using static CaseManager.Web.FunctionalTests.Security.TwoFactorSteps;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>
/// Two-factor sign-in (issue #15 item 2): enrolment with QR code, manual key and a verification code; recovery codes shown
/// once and usable once; the second sign-in step refusing wrong, replayed and expired codes with their own message;
/// disable and reset; admins requiring it for staff roles.
/// </summary>
public sealed partial class TwoFactorTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task Enrolment_ShowsQrCodeAndKey_RefusesAWrongCode_EnablesWithTheRightOne_ShowsRecoveryCodesOnce()
    {
        var email = await NewConsultantAsync();
        var client = await app.SignedInClientAsync(email);

        var page = await client.GetStringAsync("/Account/TwoFactor");
        page.ShouldContain("data-enabled=\"false\"");
        var qr = QrImage().Match(page);
        qr.Success.ShouldBeTrue("an inline PNG QR code");
        var png = Convert.FromBase64String(System.Net.WebUtility.HtmlDecode(qr.Groups[1].Value));
        png.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var key = ManualKey(page).ShouldNotBeNull();
        key.Length.ShouldBeGreaterThanOrEqualTo(16);
        page.ShouldNotContain("<script>");

        var wrong = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = TestTotp.WrongCode(key) }, "/Account/TwoFactor");
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("The code is wrong.");
        (await client.GetStringAsync("/Account/TwoFactor")).ShouldContain("data-enabled=\"false\"");

        var enabled = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = TestTotp.CodeNow(key) }, "/Account/TwoFactor");
        var html = await enabled.Content.ReadAsStringAsync();
        html.ShouldContain("data-enabled=\"true\"");
        RecoveryCodes(html).Count.ShouldBe(10);

        var again = await client.GetStringAsync("/Account/TwoFactor");
        again.ShouldContain("data-enabled=\"true\"");
        RecoveryCodes(again).ShouldBeEmpty("recovery codes are shown once");
        again.ShouldContain("Recovery codes left: 10");
        (await AuditTypesForAsync(email)).ShouldContain(AuditEventTypes.TwoFactorEnabled);
    }

    [Fact]
    public async Task SecondStep_AcceptsTheCurrentCodeOnce_RefusesWrongReplayedAndExpiredCodes_WithAClearMessage()
    {
        var email = await NewConsultantAsync();
        var (key, _) = await EnrolAsync(await app.SignedInClientAsync(email));

        var client = app.NewClient();
        var password = await PasswordAsync(client, email);
        password.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        password.Headers.Location!.OriginalString.ShouldStartWith("/Account/LoginTwoFactor");
        (await client.GetAsync("/Cases")).Headers.Location!.OriginalString.ShouldContain("/Account/Login", customMessage: "the password alone does not sign in");

        (await (await CodeAsync(client, TestTotp.WrongCode(key))).Content.ReadAsStringAsync()).ShouldContain("The code is wrong.");
        (await (await CodeAsync(client, TestTotp.Code(key, TestTotp.StepNow() - 5))).Content.ReadAsStringAsync()).ShouldContain("This code has expired.");
        (await (await CodeAsync(client, "12ab")).Content.ReadAsStringAsync()).ShouldContain("The code is wrong.");

        // A code works once: the next step's code (within the allowed drift) signs in, then neither it nor an older one does.
        var step = TestTotp.StepNow() + 1;
        var ok = await CodeAsync(client, TestTotp.Code(key, step));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ok.Headers.Location!.OriginalString.ShouldBe("/");
        (await client.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = app.NewClient();
        await PasswordAsync(other, email);
        var again = await CodeAsync(other, TestTotp.Code(key, step));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("This code has already been used.");
        (await (await CodeAsync(other, TestTotp.Code(key, step - 1))).Content.ReadAsStringAsync()).ShouldContain("This code has already been used.");
        (await other.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var audit = await AuditForAsync(email);
        audit.ShouldContain(e => e.EventType == AuditEventTypes.SignInFailed && e.Details == "authenticator code: replayed");
        audit.ShouldContain(e => e.EventType == AuditEventTypes.SignInFailed && e.Details == "authenticator code: expired");
        audit.ShouldContain(e => e.EventType == AuditEventTypes.SignInFailed && e.Details == "authenticator code: wrong");
        audit.ShouldContain(e => e.EventType == AuditEventTypes.SignInSucceeded && e.Details == "password + authenticator code");
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var email = await NewConsultantAsync();
        var (_, codes) = await EnrolAsync(await app.SignedInClientAsync(email));

        var client = app.NewClient();
        await PasswordAsync(client, email);
        var ok = await RecoveryAsync(client, codes[0]);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = app.NewClient();
        await PasswordAsync(other, email);
        var reused = await RecoveryAsync(other, codes[0]);
        reused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("The recovery code is wrong or has already been used.");
        (await other.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync("/Account/TwoFactor")).ShouldContain("Recovery codes left: 9");
        (await AuditTypesForAsync(email)).ShouldContain(AuditEventTypes.RecoveryCodeUsed);
    }

    [Fact]
    public async Task Disable_NeedsACode_ThenPasswordAloneSignsIn_Reset_MakesANewKey()
    {
        var email = await NewConsultantAsync();
        var client = await app.SignedInClientAsync(email);
        var (key, _) = await EnrolAsync(client);

        var refused = await client.PostFormAsync("/Account/TwoFactor?handler=Disable", new() { ["Code"] = TestTotp.WrongCode(key) }, "/Account/TwoFactor");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("The code is wrong.");
        var disabled = await client.PostFormAsync("/Account/TwoFactor?handler=Disable", new() { ["Code"] = TestTotp.Code(key, TestTotp.StepNow() + 1) }, "/Account/TwoFactor");
        disabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.SignedInClientAsync(email)).ShouldNotBeNull("password alone signs in again");

        var page = await client.GetStringAsync("/Account/TwoFactor");
        var newKey = ManualKey(page).ShouldNotBeNull();
        newKey.ShouldNotBe(key, "disabling forgets the old key");
        var (enrolledKey, _) = await EnrolAsync(client);
        (await client.PostFormAsync("/Account/TwoFactor?handler=Reset", new(), "/Account/TwoFactor")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterReset = await client.GetStringAsync("/Account/TwoFactor");
        afterReset.ShouldContain("data-enabled=\"false\"");
        ManualKey(afterReset).ShouldNotBe(enrolledKey);

        var types = await AuditTypesForAsync(email);
        types.ShouldContain(AuditEventTypes.TwoFactorDisabled);
        types.ShouldContain(AuditEventTypes.TwoFactorReset);
    }

    [Fact]
    public async Task AdminRequirement_SendsUnenrolledStaffToEnrolmentFirst_StoredInTheDatabase_DisableRefused()
    {
        var email = await NewConsultantAsync();
        var consultant = await app.SignedInClientAsync(email);
        var admin = await app.AdminAsync();
        try
        {
            (await admin.GetStringAsync("/Admin/Security")).ShouldContain("RequireForConsultants");
            var saved = await admin.PostFormAsync("/Admin/Security", new() { ["RequireForConsultants"] = "true", ["RequireForAdmins"] = "false" });
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await app.InDbAsync(db => db.SecuritySettings.SingleAsync(s => s.Key == SecuritySetting.TwoFactorRequiredRolesKey))).Value.ShouldBe(Roles.Consultant);

            foreach (var path in new[] { "/", "/Cases", "/Clients", "/Account/ApiKeys" })
            {
                var response = await consultant.GetAsync(path);
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
                response.Headers.Location!.OriginalString.ShouldBe("/Account/TwoFactor", customMessage: path);
            }

            var api = await consultant.GetAsync("/api/openapi/v1.json");
            api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await consultant.GetStringAsync("/Account/TwoFactor")).ShouldContain("id=\"twofactor-required\"");
            (await admin.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK, "admins are not required");
            (await (await app.SignedInClientAsync(app.ClientUserAEmail)).GetAsync("/Portal")).StatusCode.ShouldBe(HttpStatusCode.OK, "clients are not staff");

            var (key, _) = await EnrolAsync(consultant);
            (await consultant.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK, "enrolled: through");
            var page = await consultant.GetStringAsync("/Account/TwoFactor");
            page.ShouldNotContain("id=\"disable-form\"");
            var disable = await consultant.PostFormAsync("/Account/TwoFactor?handler=Disable", new() { ["Code"] = TestTotp.Code(key, TestTotp.StepNow() + 1) }, "/Account/TwoFactor");
            (await disable.Content.ReadAsStringAsync()).ShouldContain("is required for your role");
            (await consultant.GetStringAsync("/Account/TwoFactor")).ShouldContain("data-enabled=\"true\"");
            (await AuditTypesForAsync(TestApp.AdminEmail)).ShouldContain(AuditEventTypes.TwoFactorRequirementChanged);
        }
        finally
        {
            await admin.PostFormAsync("/Admin/Security", new() { ["RequireForConsultants"] = "false", ["RequireForAdmins"] = "false" });
        }
    }

    [Fact]
    public async Task Pages_InChinese_AreTranslated()
    {
        var email = await NewConsultantAsync();
        var client = await app.SignedInClientAsync(email);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");
        (await client.GetStringAsync("/Account/TwoFactor")).ShouldContain("双重验证登录");
    }

    private async Task<string> NewConsultantAsync()
    {
        var email = $"tf-{Guid.NewGuid():N}"[..14] + "@web.test";
        await app.CreateUserAsync(email, Roles.Consultant, null);
        return email;
    }

    private Task<List<AuditEntry>> AuditForAsync(string email) =>
        app.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Actor == email).OrderBy(e => e.Sequence).ToListAsync());

    private async Task<List<string>> AuditTypesForAsync(string email) => (await AuditForAsync(email)).Select(e => e.EventType).ToList();

    [GeneratedRegex("<img id=\"qr-code\" src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex QrImage();
}
