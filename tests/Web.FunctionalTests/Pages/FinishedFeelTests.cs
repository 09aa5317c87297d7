using System.Net;
using System.Text.RegularExpressions;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>Issue #17, "A finished feel": the rough edges a new user hits, each posted as a browser does.</summary>
public sealed partial class FinishedFeelTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task NewCase_WithoutAClient_SaysTheClientIsRequired_NotThatEmptyIsInvalid()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var response = await consultant.PostFormAsync("/Cases/Create", new()
        {
            ["Input.ClientId"] = string.Empty,
            ["Input.Title"] = "No client chosen",
            ["Input.Severity"] = "High",
            ["Input.Tlp"] = "Red",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldNotContain("is invalid");
        html.ShouldMatch("data-valmsg-for=\"Input.ClientId\"[^>]*>'Client' must not be empty.<");
    }

    [Fact]
    public async Task Intake_RowAddedByTheBrowser_WithItsEmptyHiddenId_IsNoError_AndFailedSubmitKeepsOneBlankRow()
    {
        var client = await app.SignedInClientAsync(app.ClientUserAEmail);
        var url = $"/Portal/Intake/Edit/{app.CaseA}";

        // Row 0 filled (bad address); rows 1 and 2 are the page's blank row and one the "Add host" script cloned
        // (it clears every input, the hidden id too). Two blank evidence rows likewise.
        var response = await client.PostFormAsync(url + "?handler=Submit", new()
        {
            ["Input.Data.Reporter.Name"] = "Kunde",
            ["Input.Data.Hosts[0].Id"] = Guid.Empty.ToString(),
            ["Input.Data.Hosts[0].Hostname"] = "pos-01",
            ["Input.Data.Hosts[0].IpAddresses"] = "10.0.0.300",
            ["Input.Data.Hosts[1].Id"] = Guid.Empty.ToString(),
            ["Input.Data.Hosts[1].Hostname"] = string.Empty,
            ["Input.Data.Hosts[2].Id"] = string.Empty,
            ["Input.Data.Hosts[2].Hostname"] = string.Empty,
            ["Input.Data.Hosts[2].State"] = string.Empty,
            ["Input.Data.Evidence[0].Type"] = string.Empty,
            ["Input.Data.Evidence[0].Location"] = string.Empty,
            ["Input.Data.Evidence[1].Type"] = string.Empty,
        }, formPage: url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldNotContain("is invalid");
        html.ShouldMatch("data-for=\"Data.Hosts\\[0\\].IpAddresses\">Enter IPv4 or IPv6 addresses");
        RowCount(html, "hosts").ShouldBe(2, "the filled host and one blank row");
        RowCount(html, "evidence-on-hand").ShouldBe(1, "one blank evidence row");
    }

    [Fact]
    public async Task ValidationMessages_InChinese_UseChineseFieldNames()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        await SwitchToChineseAsync(consultant);

        var response = await consultant.PostFormAsync("/Cases/Create", new()
        {
            ["Input.ClientId"] = string.Empty,
            ["Input.Title"] = string.Empty,
            ["Input.Severity"] = "High",
            ["Input.Tlp"] = "Red",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldMatch("data-valmsg-for=\"Input.Title\"[^>]*>'标题' 不能为空。<");
        html.ShouldMatch("data-valmsg-for=\"Input.ClientId\"[^>]*>'客户' 不能为空。<");
        html.ShouldNotContain("'Title'");
    }

    [Fact]
    public async Task AssignPicker_StartsWithAnEmptyChoice_AndListsConsultantsBeforeAdmins()
    {
        var admin = await app.AdminAsync();

        var html = await admin.GetStringAsync($"/Cases/Details/{app.CaseB}");

        var select = Regex.Match(html, "<select id=\"AssignUserId\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        select.Success.ShouldBeTrue();
        var options = Regex.Matches(select.Groups[1].Value, "<option value=\"([^\"]*)\"( selected)?").ToList();
        options[0].Groups[1].Value.ShouldBe(string.Empty);
        options[0].Groups[2].Success.ShouldBeTrue();
        options.Skip(1).ShouldAllBe(o => !o.Groups[2].Success);
        var consultantAt = select.Groups[1].Value.IndexOf(app.ConsultantEmail, StringComparison.Ordinal);
        var adminAt = select.Groups[1].Value.IndexOf(WebTestApp.AdminEmail, StringComparison.Ordinal);
        consultantAt.ShouldBeGreaterThan(0);
        adminAt.ShouldBeGreaterThan(consultantAt, "consultants come first");

        var empty = await admin.PostFormAsync($"/Cases/Details/{app.CaseB}?handler=Assign", new() { ["UserId"] = string.Empty }, formPage: $"/Cases/Details/{app.CaseB}");
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()).ShouldContain("'Consultant' must not be empty.");
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task Favicon_IsServed_WithoutSignIn(string url, string type)
    {
        var response = await app.NewClient().GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
    }

    [Fact]
    public async Task Layout_LinksTheFavicon()
    {
        var html = await app.NewClient().GetStringAsync("/Account/Login");

        html.ShouldContain("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />");
    }

    [Fact]
    public async Task CaseTabBar_IsTheSameOnEveryCasePage_WithTheCurrentTabMarked()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var id = app.CaseA;
        string[] staffTabs =
        [
            $"/Cases/Details/{id}", $"/Cases/Intake/Edit/{id}", $"/Cases/Evidence/Index/{id}", $"/Cases/Classification/Index/{id}", $"/Cases/Indicators/Index/{id}",
            $"/Cases/Remediation/Index/{id}", $"/Cases/Timeline/Index/{id}", $"/Cases/Reports/Index/{id}", $"/Cases/Notes/Index/{id}", $"/Cases/Activity/Index/{id}", $"/Cases/Intake/History/{id}",
            $"/Cases/Yara/Index/{id}", $"/Cases/Intake/Print/{id}",
        ];
        foreach (var page in staffTabs)
        {
            var (links, current) = Tabs(await consultant.GetStringAsync(page));
            links.ShouldBe(staffTabs, page);
            current.ShouldBe(page);
        }

        var client = await app.SignedInClientAsync(app.ClientUserAEmail);
        string[] portalTabs = [$"/Portal/Cases/Details/{id}", $"/Portal/Intake/Edit/{id}", $"/Portal/Evidence/Index/{id}", $"/Portal/Remediation/Index/{id}", $"/Portal/Reports/Index/{id}", $"/Portal/Intake/Print/{id}"];
        foreach (var page in portalTabs)
        {
            var (links, current) = Tabs(await client.GetStringAsync(page));
            links.ShouldBe(portalTabs, page);
            current.ShouldBe(page);
        }
    }

    [Fact]
    public async Task CaseSearch_FindsClientName_Description_AndIntakeHostnamesAndAddresses()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var opened = await consultant.PostFormAsync("/Cases/Create", new()
        {
            ["Input.ClientId"] = app.ClientB.ToString(),
            ["Input.Title"] = "Search me " + tag,
            ["Input.Description"] = "Beacon seen from the lab " + tag + "desc",
            ["Input.Severity"] = "Low",
            ["Input.Tlp"] = "Green",
        });
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var caseId = opened.Headers.Location!.OriginalString.Split('/')[^1];
        var intake = $"/Cases/Intake/Edit/{caseId}";
        (await consultant.PostFormAsync(intake + "?handler=Save", new()
        {
            ["Input.Data.Reporter.Name"] = "Ops",
            ["Input.Data.Hosts[0].Hostname"] = "srv-" + tag,
            ["Input.Data.Hosts[0].IpAddresses"] = "10.77.31.199",
        }, formPage: intake)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var clientName = Regex.Match(await consultant.GetStringAsync($"/Cases/Details/{caseId}"), "<dt>Client</dt><dd>([^<]+)</dd>").Groups[1].Value;

        foreach (var term in new[] { tag + "DESC", "SRV-" + tag, "10.77.31.199" })
        {
            (await consultant.GetStringAsync("/Cases?Search=" + Uri.EscapeDataString(term))).ShouldContain("Search me " + tag, customMessage: term);
        }

        (await consultant.GetStringAsync("/Cases?Search=10.77.31.198")).ShouldNotContain("Search me " + tag);
        (await consultant.GetStringAsync("/Cases?Search=hostname")).ShouldNotContain("Search me " + tag, customMessage: "JSON property names are not searched");
        clientName.ShouldNotBeEmpty();
        (await consultant.GetStringAsync($"/Cases?Search={Uri.EscapeDataString(WebUtility.HtmlDecode(clientName))}&PageSize=100")).ShouldContain("Search me " + tag);
    }

    [Fact]
    public async Task LanguageSwitch_OnTheIntake_ReturnsToTheIntake_AndTheFormIsMarkedToKeepItsDraft()
    {
        // What HTTP can show: the switch comes back to the same page and the page opts in to the draft script.
        // Storing and restoring the input itself happens in the browser (wwwroot/js/site.js, sessionStorage).
        var client = await app.SignedInClientAsync(app.ClientUserAEmail);
        var url = $"/Portal/Intake/Edit/{app.CaseA}";
        var html = await client.GetStringAsync(url);

        html.ShouldMatch("<form method=\"post\" novalidate class=\"form intake\" id=\"intake-form\" data-keep-draft>");
        html.ShouldContain($"<input type=\"hidden\" name=\"returnUrl\" value=\"{url}\" />");
        html.ShouldContain("<select id=\"culture-select\" name=\"culture\" data-switch-language>");
        var script = await client.GetStringAsync(Regex.Match(html, "<script src=\"(/js/site.js[^\"]*)\"").Groups[1].Value);
        script.ShouldContain("form[data-keep-draft]");
        script.ShouldContain("sessionStorage.setItem");

        var switched = await client.PostFormAsync("/Culture", new() { ["culture"] = "zh-CN", ["returnUrl"] = url }, formPage: url);
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        switched.Headers.Location!.OriginalString.ShouldBe(url);
    }

    internal static async Task SwitchToChineseAsync(HttpClient client) =>
        (await client.PostFormAsync("/Culture", new() { ["culture"] = "zh-CN", ["returnUrl"] = "/Cases" }, formPage: "/Cases"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

    private static (string[] Links, string? Current) Tabs(string html)
    {
        var nav = Regex.Match(html, "<nav class=\"tabs\" aria-label=\"[^\"]*\"[^>]*>(.*?)</nav>", RegexOptions.Singleline);
        nav.Success.ShouldBeTrue();
        var links = Regex.Matches(nav.Groups[1].Value, "<a href=\"([^\"]+)\"( aria-current=\"page\")?").ToList();
        return (links.Select(l => l.Groups[1].Value).ToArray(), links.FirstOrDefault(l => l.Groups[2].Success)?.Groups[1].Value);
    }

    private static int RowCount(string html, string tableId)
    {
        var body = Regex.Match(html, $"<table[^>]*id=\"{tableId}\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        body.Success.ShouldBeTrue();
        return Regex.Matches(body.Groups[1].Value, "<tr>").Count;
    }
}
