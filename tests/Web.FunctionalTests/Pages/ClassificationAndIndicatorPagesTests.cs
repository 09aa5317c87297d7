using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>The classification and IOC register pages and their JSON API, over HTTP with cookies, forms and a read key.</summary>
public sealed partial class ClassificationAndIndicatorPagesTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task ManualIndicator_Form_RefusesBadValues_ThenAddsOne_AndTheApiExportsIt()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var page = $"/Cases/Indicators/Index/{app.CaseA}";

        var bad = await consultant.PostFormAsync($"{page}?handler=Manual", new() { ["Manual.Type"] = "Wallet", ["Manual.Value"] = "<img src=x>", ["Manual.Status"] = "Suspected", ["Manual.Tlp"] = "Amber" }, formPage: page);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Not a cryptocurrency wallet address");

        var value = $"c2-{Guid.NewGuid():N}.ddns.net";
        (await consultant.PostFormAsync($"{page}?handler=Manual", new() { ["Manual.Type"] = "Domain", ["Manual.Value"] = value, ["Manual.Status"] = "ConfirmedMalicious", ["Manual.Tlp"] = "Amber", ["Manual.Tags"] = "c2" }, formPage: page))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var twice = await consultant.PostFormAsync($"{page}?handler=Manual", new() { ["Manual.Type"] = "Domain", ["Manual.Value"] = value.ToUpperInvariant(), ["Manual.Status"] = "Suspected", ["Manual.Tlp"] = "Amber" }, formPage: page);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("already in this case");

        (await consultant.GetStringAsync(page)).ShouldContain(value);
        var blocklist = await consultant.GetAsync($"/api/cases/{app.CaseA}/indicators?format=blocklist&kind=domain");
        blocklist.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await blocklist.Content.ReadAsStringAsync()).Split('\n').ShouldContain(value);
        var stix = await consultant.GetAsync($"/api/cases/{app.CaseA}/indicators?format=stix");
        stix.Content.Headers.ContentType!.MediaType.ShouldBe("application/stix+json");
        (await stix.Content.ReadAsStringAsync()).ShouldContain($"[domain-name:value = '{value}']");

        var wrong = await consultant.GetAsync($"/api/cases/{app.CaseA}/indicators?format=xml");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrong.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await consultant.GetAsync($"/api/cases/{app.CaseA}/indicators?format=blocklist&kind=url")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Classification_Api_ReturnsEveryTypeScored_AndTheConfirmedDecision_ToAReadKey()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var page = $"/Cases/Classification/Index/{app.CaseB}";
        var refused = await consultant.PostFormAsync(page, new() { ["Input.Type"] = "Phishing", ["Input.Severity"] = "High", ["Input.Family"] = "<b>" }, formPage: page);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("A family is a name");
        (await consultant.PostFormAsync(page, new() { ["Input.Type"] = "Phishing", ["Input.Severity"] = "High", ["Input.Family"] = "Emotet", ["Input.Reason"] = "The client forwarded the mail." }, formPage: page))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var key = app.NewClient();
        key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateReadKeyAsync(consultant));
        var response = await key.GetAsync($"/api/cases/{app.CaseB}/classification");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var suggested = json.RootElement.GetProperty("suggested").EnumerateArray().ToList();
        suggested.Count.ShouldBe(12);
        suggested.ShouldAllBe(s => s.GetProperty("type").GetString()!.Length > 0 && s.GetProperty("rationale").ValueKind == JsonValueKind.Array);
        var confirmed = json.RootElement.GetProperty("confirmed");
        (confirmed.GetProperty("type").GetString(), confirmed.GetProperty("family").GetString(), confirmed.GetProperty("severity").GetString())
            .ShouldBe(("phishing", "Emotet", "High"));
        (await consultant.GetStringAsync(page)).ShouldContain("The client forwarded the mail.");

        // The case page's timeline names the type in the reader's language, never by its key.
        var details = System.Net.WebUtility.HtmlDecode(await consultant.GetStringAsync($"/Cases/Details/{app.CaseB}"));
        details.ShouldContain("Classified as Phishing (Emotet)");
        consultant.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");
        details = System.Net.WebUtility.HtmlDecode(await consultant.GetStringAsync($"/Cases/Details/{app.CaseB}"));
        details.ShouldContain("定性为 网络钓鱼 (Emotet)");
        details.ShouldNotContain("phishing (Emotet)");
    }

    [Fact]
    public async Task Pages_RenderInChinese()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        consultant.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");

        (await consultant.GetStringAsync($"/Cases/Classification/Index/{app.CaseA}")).ShouldContain("确认定性");
        (await consultant.GetStringAsync($"/Cases/Indicators/Index/{app.CaseA}")).ShouldContain("指标登记表");
    }

    private static async Task<string> CreateReadKeyAsync(HttpClient owner)
    {
        var response = await owner.PostFormAsync("/Account/ApiKeys?handler=Create", new() { ["Name"] = "read key", ["Kind"] = "read", ["CaseId"] = string.Empty, ["ExpiresInDays"] = "30" }, formPage: "/Account/ApiKeys");
        return NewToken().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    [GeneratedRegex("<code id=\"new-token\" class=\"mono\">(cmk_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex NewToken();
}
