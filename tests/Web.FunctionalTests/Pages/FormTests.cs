using System.Net;
using CaseManager.Domain.Identity;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>Real form posts with antiforgery tokens, as a browser sends them.</summary>
public sealed class FormTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task CreateClient_ThenOpenCase_ThroughTheForms_ShowsTheCaseInTheList()
    {
        var admin = await app.AdminAsync();
        var name = "Form Client " + Guid.NewGuid().ToString("N")[..6];

        (await admin.GetStringAsync("/Clients/Create")).ShouldContain("<option value=\"en\" selected=\"selected\">English</option>");
        var created = await admin.PostFormAsync("/Clients/Create", new()
        {
            ["Input.Name"] = name,
            ["Input.Industry"] = "Healthcare",
            ["Input.PreferredLanguage"] = "zh-CN",
            ["Input.Contacts[0].Name"] = "Dr. Wu",
            ["Input.Contacts[0].Email"] = "wu@hospital.example",
            ["Input.Contacts[1].Name"] = string.Empty,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var clients = await admin.GetStringAsync("/Clients");
        var clientId = System.Text.RegularExpressions.Regex.Match(clients, $"/Clients/Edit/([0-9a-f-]+)\">{name}<").Groups[1].Value;
        clientId.ShouldNotBeEmpty();
        (await admin.GetStringAsync($"/Clients/Edit/{clientId}")).ShouldContain("<option value=\"zh-CN\" selected=\"selected\">");

        var opened = await admin.PostFormAsync("/Cases/Create", new()
        {
            ["Input.ClientId"] = clientId,
            ["Input.Title"] = "Webshell in /var/www/upload",
            ["Input.Severity"] = "High",
            ["Input.Tlp"] = "AmberStrict",
            ["Input.DetectedAt"] = "2026-01-05T08:30",
        });

        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.OriginalString.ShouldStartWith("/Cases/Details/");
        var details = WebUtility.HtmlDecode(await admin.GetStringAsync(opened.Headers.Location));
        details.ShouldContain("Webshell in /var/www/upload");
        details.ShouldContain("TLP:AMBER+STRICT");
        details.ShouldContain("2026-01-05 08:30 UTC");
        var list = await admin.GetStringAsync($"/Cases?ClientId={clientId}");
        list.ShouldContain("Webshell in /var/www/upload");
    }

    [Fact]
    public async Task OpenCase_WithInvalidFields_ShowsMessagesNextToTheFieldsAndSavesNothing()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var before = CasesTable(await consultant.GetStringAsync($"/Cases?ClientId={app.ClientA}"));

        var response = await consultant.PostFormAsync("/Cases/Create", new()
        {
            ["Input.ClientId"] = app.ClientA.ToString(),
            ["Input.Title"] = string.Empty,
            ["Input.Severity"] = "High",
            ["Input.Tlp"] = "Red",
            ["Input.DetectedAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm"),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldMatch("field-validation-error\" data-valmsg-for=\"Input.Title\"[^>]*>[^<]+<");
        html.ShouldContain("data-valmsg-for=\"Input.DetectedAt\" data-valmsg-replace=\"true\">This date cannot lie in the future.<");
        CasesTable(await consultant.GetStringAsync($"/Cases?ClientId={app.ClientA}")).ShouldBe(before);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PostAsync("/Clients/Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "No Token Org" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetStringAsync("/Clients")).ShouldNotContain("No Token Org");
    }

    [Fact]
    public async Task ChangePhase_SkippingAhead_ShowsTheRuleAndKeepsThePhase()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var url = $"/Cases/Details/{app.CaseB}";

        var response = await consultant.PostFormAsync(url + "?handler=Phase", new() { ["PhaseTo"] = "Reporting" }, formPage: url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Phases advance one at a time");
        (await consultant.GetStringAsync(url)).ShouldContain("data-testid=\"case-phase\">Intake<");
    }

    [Fact]
    public async Task AssignConsultant_ThroughTheForm_ListsThemOnTheCase()
    {
        var admin = await app.AdminAsync();
        var url = $"/Cases/Details/{app.CaseA}";

        var response = await admin.PostFormAsync(url + "?handler=Assign", new() { ["UserId"] = app.ConsultantId }, formPage: url);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var html = await admin.GetStringAsync(url);
        html.ShouldMatch("<ul class=\"plain\" id=\"consultants\">\\s*<li>\\s*consultant");
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        var email = $"lock-{Guid.NewGuid():N}@web.test";
        await app.CreateUserAsync(email, Roles.Consultant, null);
        var client = app.NewClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "Wrong!Password-1" });
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var right = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = WebTestApp.Password });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("locked");
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn()
    {
        var email = $"gone-{Guid.NewGuid():N}@web.test";
        var id = await app.CreateUserAsync(email, Roles.Consultant, null);
        (await app.SignedInClientAsync(email)).Dispose();
        var admin = await app.AdminAsync();
        var edit = await admin.PostFormAsync($"/Admin/Users/Edit/{id}", new()
        {
            ["Input.DisplayName"] = "Gone",
            ["Input.Role"] = Roles.Consultant,
            ["Input.Disabled"] = "true",
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var attempt = await app.NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = WebTestApp.Password });

        attempt.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await attempt.Content.ReadAsStringAsync()).ShouldContain("Invalid e-mail or password, or the account is disabled.");
    }

    [Fact]
    public async Task LanguageSwitch_ToChinese_PersistsAcrossPages()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var switched = await consultant.PostFormAsync("/Culture", new() { ["culture"] = "zh-CN", ["returnUrl"] = "/Cases" }, formPage: "/Cases");

        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cases = await consultant.GetStringAsync("/Cases");
        cases.ShouldContain("<h1>案件</h1>");
        cases.ShouldContain("新建案件");
        (await consultant.GetStringAsync($"/Cases/Details/{app.CaseA}")).ShouldContain("阶段历史");
    }

    [Fact]
    public async Task UnknownCase_RendersTheNotFoundPage()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var response = await consultant.GetAsync($"/Cases/Details/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<h1>Not found</h1>");
    }

    private static string CasesTable(string html)
    {
        var table = System.Text.RegularExpressions.Regex.Match(html, "<table class=\"grid\" id=\"cases-table\">.*?</table>", System.Text.RegularExpressions.RegexOptions.Singleline);
        table.Success.ShouldBeTrue();
        return table.Value;
    }
}
