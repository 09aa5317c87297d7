using System.Net;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>The intake form posted as a browser does, by a consultant and by a client user.</summary>
public sealed class IntakePageTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    private const string Secret = "SECRET-ASSESSMENT-7731";

    [Fact]
    public async Task ConsultantOnlyFields_AreOnTheConsultantsPages_AndNeverOnTheClients()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var url = $"/Cases/Intake/Edit/{app.CaseA}";
        var saved = await consultant.PostFormAsync(url + "?handler=Save", new()
        {
            ["Input.Data.Reporter.Name"] = "Ops lead",
            ["Input.FirstAssessment"] = Secret,
            ["Input.InternalNotes"] = "call back at 09:00",
        }, formPage: url);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await consultant.GetStringAsync(url)).ShouldContain(Secret);
        (await consultant.GetStringAsync($"/Cases/Intake/Print/{app.CaseA}")).ShouldContain(Secret);

        var client = await app.SignedInClientAsync(app.ClientUserAEmail);
        var clientForm = await client.GetStringAsync($"/Portal/Intake/Edit/{app.CaseA}");
        var clientPrint = await client.GetStringAsync($"/Portal/Intake/Print/{app.CaseA}");

        clientForm.ShouldContain("Ops lead");
        clientForm.ShouldNotContain(Secret);
        clientForm.ShouldNotContain("Input.FirstAssessment");
        clientPrint.ShouldNotContain(Secret);
        clientPrint.ShouldNotContain("call back at 09:00");
    }

    [Fact]
    public async Task Submit_WithBadIpAndMissingFields_ShowsMessagesNextToTheFields()
    {
        var client = await app.SignedInClientAsync(app.ClientUserBEmail);
        var url = $"/Portal/Intake/Edit/{app.CaseB}";
        var statusBefore = Status(await client.GetStringAsync(url));

        var response = await client.PostFormAsync(url + "?handler=Submit", new()
        {
            ["Input.Data.Reporter.Name"] = "Kunde",
            ["Input.Data.Hosts[0].Hostname"] = "pos-01",
            ["Input.Data.Hosts[0].IpAddresses"] = "192.168.1.10, 192.168.1.300",
        }, formPage: url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldMatch("data-for=\"Data.Hosts\\[0\\].IpAddresses\">Enter IPv4 or IPv6 addresses");
        html.ShouldMatch("data-for=\"Data.Symptoms.Observed\">Tick at least one symptom.");
        html.ShouldMatch("data-for=\"Data.Timeline.TimeZone\">Choose the time zone");
        html.ShouldContain("value=\"192.168.1.10, 192.168.1.300\"");
        Status(await client.GetStringAsync(url)).ShouldBe(statusBefore, "nothing was saved");
    }

    [Fact]
    public async Task ClientSubmits_ThenConsultantAmends_HistoryShowsBothAndTheDiff()
    {
        var client = await app.SignedInClientAsync(app.ClientUserBEmail);
        var portal = $"/Portal/Intake/Edit/{app.CaseB}";
        var fields = new Dictionary<string, string>
        {
            ["Input.Data.Reporter.Name"] = "Jana",
            ["Input.Data.Reporter.Email"] = "jana@b.example",
            ["Input.Data.Engagement.HowReported"] = "Email",
            ["Input.Data.Engagement.Urgency"] = "Critical",
            ["Input.Data.Hosts[0].Hostname"] = "fs01",
            ["Input.Data.Hosts[0].IpAddresses"] = "10.0.0.8",
            ["Input.Data.Hosts[0].State"] = "Running",
            ["Input.Data.Symptoms.Rows[0].Kind"] = "FilesEncrypted",
            ["Input.Data.Symptoms.Rows[0].Checked"] = "true",
            ["Input.Data.Symptoms.Rows[0].Details"] = "*.lockbit",
            ["Input.Data.Timeline.FirstNoticed"] = "2026-11-01T07:15",
            ["Input.Data.Timeline.TimeZone"] = "Europe/Berlin",
            ["Input.Data.Actions.Kinds"] = "Disconnected",
            ["Input.Data.Ransomware.EncryptedExtension"] = ".lockbit",
            ["Input.Data.Ransomware.BackupsAvailable"] = "false",
        };
        (await client.PostFormAsync(portal + "?handler=Submit", fields, formPage: portal)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var staffUrl = $"/Cases/Intake/Edit/{app.CaseB}";
        var staffForm = await consultant.GetStringAsync(staffUrl);
        staffForm.ShouldContain("value=\"fs01\"");
        var hostId = System.Text.RegularExpressions.Regex.Match(staffForm, "name=\"Input.Data.Hosts\\[0\\].Id\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        fields["Input.Data.Hosts[0].Id"] = hostId;
        fields["Input.Data.Hosts[0].State"] = "Isolated";
        (await consultant.PostFormAsync(staffUrl + "?handler=Submit", fields, formPage: staffUrl)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var history = WebUtility.HtmlDecode(await consultant.GetStringAsync($"/Cases/Intake/History/{app.CaseB}"));
        history.ShouldContain("(Client)");
        history.ShouldMatch("<td title=\"data.hosts\\[0\\].state\">Affected hosts 1 › State</td><td class=\"pre removed\">Running</td><td class=\"pre added\">Isolated</td>");
        history.ShouldNotContain(">data.");
    }

    private static string Status(string html)
    {
        var status = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"intake-status\">([^<]*)<").Groups[1].Value;
        status.ShouldNotBeNullOrEmpty();
        return status;
    }
}
