using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.AcceptanceTests.Evidence;

public sealed class TrafficViewJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Consultant_FiltersDnsForADynamicDnsName_AndOpensAnIrcTranscript()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Botnet Victim Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "IRC bot on a web server", null, Severity.High, TrafficLightProtocol.Amber)));
        var dnsCapture = await fixture.UploadAndAnalyseAsync(caseId, "c2-lookup.pcap", TinyCapture.DnsQuery("sjb555.3322.org"));
        var ircCapture = await fixture.UploadAndAnalyseAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));

        var page = await fixture.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        await page.GotoAsync($"/Cases/Evidence/Details/{dnsCapture}");
        await page.ClickAsync("#open-traffic");
        await page.ClickAsync("#traffic-table-tabs a[data-table=dns]");
        await page.FillAsync("#traffic-table-filter", "3322.org");
        await page.PressAsync("#traffic-table-filter", "Enter");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("q=3322.org"));
        var rows = page.Locator("#traffic-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("sjb555.3322.org");

        await page.GotoAsync($"/Cases/Evidence/Traffic/{ircCapture}?table=irc");
        await Assertions.Expect(page.Locator("#talkers-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#chart-talkers[data-chart-ready=true] canvas")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "traffic-view");
        await Assertions.Expect(page.Locator("#traffic-table tbody tr")).ToContainTextAsync("#brotest");
        await page.ClickAsync("[data-testid=row-link]");
        await Assertions.Expect(page.Locator("#transcript .from-client", new() { HasText = "NICK brotest" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("JOIN #brotest");
        await fixture.ScreenshotAsync(page, "irc-transcript");
    }
}
