using System.Text.RegularExpressions;

namespace CaseManager.Web.FunctionalTests.Infrastructure;

/// <summary>Posts forms as a browser does: GET the page, scrape its antiforgery token, POST the fields with it.</summary>
public static partial class FormPosting
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url} (status {(int)page.StatusCode}).");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    /// <summary>The page's antiforgery token (as forms post it, and as the API expects it in header RequestVerificationToken), or null.</summary>
    public static string? AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    /// <summary>Loads <paramref name="url"/> and returns its antiforgery token.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url) =>
        AntiforgeryToken(await client.GetStringAsync(url)) ?? throw new InvalidOperationException($"No antiforgery token on {url}.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
