using System.Text.RegularExpressions;

namespace CaseManager.Web.FunctionalTests.Infrastructure;

/// <summary>Posts forms as a browser does: GET the page, scrape its antiforgery token, POST the fields with it.</summary>
public static partial class FormPosting
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {formPage ?? url} (status {(int)page.StatusCode}).");
        }

        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
