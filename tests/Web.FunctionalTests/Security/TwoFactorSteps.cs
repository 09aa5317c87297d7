using System.Net;
using System.Text.RegularExpressions;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>What a person does with an authenticator app, as form posts.</summary>
public static partial class TwoFactorSteps
{
    /// <summary>Opens the enrolment page, reads the manual key, enables with a code computed here; returns the key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/Account/TwoFactor");
        var key = ManualKey(page) ?? throw new ShouldAssertException("No manual key on the enrolment page.");
        var response = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = TestTotp.CodeNow(key) }, "/Account/TwoFactor");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var codes = RecoveryCodes(html);
        codes.Count.ShouldBe(10, "the recovery codes are shown right after enabling");
        return (key, codes);
    }

    /// <summary>Password step; returns the response (a redirect to the second step for an enrolled account).</summary>
    public static Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email, string password = WebTestApp.Password) =>
        client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public static Task<HttpResponseMessage> CodeAsync(HttpClient client, string code) =>
        client.PostFormAsync("/Account/LoginTwoFactor", new() { ["Code"] = code });

    public static Task<HttpResponseMessage> RecoveryAsync(HttpClient client, string code) =>
        client.PostFormAsync("/Account/LoginTwoFactor?handler=Recovery", new() { ["RecoveryCode"] = code }, "/Account/LoginTwoFactor");

    public static string? ManualKey(string html) =>
        ManualKeyPattern().Match(html) is { Success: true } m ? m.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal) : null;

    public static IReadOnlyList<string> RecoveryCodes(string html)
    {
        var list = RecoveryListPattern().Match(html);
        return list.Success ? ItemPattern().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value.Trim()).ToList() : [];
    }

    [GeneratedRegex("<code id=\"manual-key\" class=\"mono\">([a-z0-9 ]+)</code>")]
    private static partial Regex ManualKeyPattern();

    [GeneratedRegex("<ul class=\"codes mono\">(.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex RecoveryListPattern();

    [GeneratedRegex("<li>([^<]+)</li>")]
    private static partial Regex ItemPattern();
}
