using System.Text.RegularExpressions;
using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Web.AcceptanceTests.Classification;

/// <summary>
/// In Chromium: a consultant opens a mining case's classification (dynamic-DNS C2, IRC bot and stratum captures),
/// sees cryptomining suggested with its rationale, confirms it, then marks an indicator a false positive in the
/// register. Both pages are screenshotted in English and Chinese.
/// </summary>
public sealed partial class ClassificationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string ConsultantEmail = "classifier@test.local";

    [Fact]
    public async Task Consultant_ConfirmsTheSuggestedClassification_AndMarksAnIndicatorFalsePositive()
    {
        await fixture.App.AsSystemAsync(s => s.Send(new CreateUserCommand(ConsultantEmail, "Chen Classifier", TestApp.AdminPassword, Roles.Consultant, null)));
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Mining Victim Ltd", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Miner with an IRC bot", null, Severity.Medium, TrafficLightProtocol.Amber)));
        await fixture.UploadAndAnalyseAsync(caseId, "c2-lookup.pcap", TinyCapture.DnsQuery("sjb555.3322.org"));
        await fixture.UploadAndAnalyseAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        await fixture.UploadAndAnalyseAsync(caseId, "mining.pcapng", await File.ReadAllBytesAsync(TestData.Pcap("nesfit_xmr.suprnova.cc.pcapng")));

        var page = await fixture.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync(ConsultantEmail, TestApp.AdminPassword);
        await page.GotoAsync($"/Cases/Details/{caseId}");
        await page.GetByTestId("case-tabs").GetByRole(AriaRole.Link, new() { Name = "Classification" }).ClickAsync();

        var types = page.Locator("li.type-score");
        (await types.First.GetAttributeAsync("data-type")).ShouldBe("cryptomining");
        (await types.Nth(1).GetAttributeAsync("data-type")).ShouldBe("botnet");
        await Assertions.Expect(types.First.Locator("li[data-code='traffic.mining.stratum'] a")).ToHaveAttributeAsync("href", StratumRows());
        await Assertions.Expect(types.Nth(1).Locator("li[data-code='traffic.irc.session']")).ToContainTextAsync("irc.pcap");
        await fixture.ScreenshotAsync(page, "classification-en");

        await page.Locator("#Input_Family").FillAsync("XMRig");
        await page.Locator("#Input_Severity").SelectOptionAsync("High");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm classification" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirmed-classification")).ToContainTextAsync("Cryptomining");
        await Assertions.Expect(page.GetByTestId("confirmed-classification")).ToContainTextAsync("XMRig");
        await page.GotoAsync($"/Cases/Details/{caseId}");
        await Assertions.Expect(page.GetByTestId("case-phase")).ToHaveTextAsync("Analysis");

        await page.GetByTestId("case-tabs").GetByRole(AriaRole.Link, new() { Name = "Indicators" }).ClickAsync();
        var row = page.Locator("#indicator-register tr[data-key='Domain:sjb555.3322.org']");
        await row.Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("select[name='Bulk.Status']").SelectOptionAsync("FalsePositive");
        await page.Locator("input[name='Bulk.Note']").FillAsync("Sinkholed by the registrar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(row.Locator(".indicator-status")).ToHaveTextAsync("False positive");
        await Assertions.Expect(row).ToContainTextAsync("Sinkholed by the registrar");
        await fixture.ScreenshotAsync(page, "indicators-en");

        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = fixture.App.BaseUrl }]);
        await page.ReloadAsync();
        await Assertions.Expect(row.Locator(".indicator-status")).ToHaveTextAsync("误报");
        await fixture.ScreenshotAsync(page, "indicators-zh-CN");
        await page.GotoAsync($"/Cases/Classification/Index/{caseId}");
        await Assertions.Expect(page.GetByTestId("confirmed-classification")).ToContainTextAsync("挖矿");
        await fixture.ScreenshotAsync(page, "classification-zh-CN");
    }

    [GeneratedRegex(@"^/Cases/Evidence/Traffic/[0-9a-f-]{36}\?table=stratum")]
    private static partial Regex StratumRows();
}
