using System.Text.RegularExpressions;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

namespace CaseManager.Web.AcceptanceTests.Evidence;

/// <summary>
/// The host triage page and the case's collect page in English and Chinese, screenshotted in Chromium: the tree folds
/// without script, the fake kernel thread is highlighted, no template text or raw keys reach the page.
/// </summary>
public sealed partial class TriageViewScreenshotTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TriageAndCollectPages_RenderInBothLanguages_AndTheTreeFolds()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Triage Victim Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Fake kernel thread on web01", null, Severity.High, TrafficLightProtocol.Amber)));
        var bundle = await fixture.UploadAndAnalyseAsync(caseId, "triage-web01-20261130T120000Z.tar.gz", TriageScenarios.LinuxCompromised());

        foreach (var language in new[] { "en", "zh-CN" })
        {
            var page = await fixture.NewPageAsync();
            await (await new LoginPage(page).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = fixture.App.BaseUrl }]);

            await page.GotoAsync($"/Cases/Evidence/Triage/{bundle}");
            await CheckAsync(page, $"triage-view-{language}");
            var fake = page.Locator("li.flagged[data-pid='11275']");
            await Assertions.Expect(fake).ToBeVisibleAsync();
            var child = page.Locator("li[data-pid='11276']");
            await Assertions.Expect(child).ToBeVisibleAsync();
            await fake.Locator("> details > summary").ClickAsync();
            await Assertions.Expect(child).ToBeHiddenAsync();
            await fake.Locator("> details > summary").ClickAsync();
            await Assertions.Expect(child).ToBeVisibleAsync();
            if (language == "zh-CN")
            {
                (await page.Locator("#process-tree h2").InnerTextAsync()).ShouldMatch(Chinese().ToString());
            }

            await page.GotoAsync($"/Cases/Evidence/Collect/{caseId}");
            await page.Locator("#create-token").ClickAsync();
            await Assertions.Expect(page.Locator("#new-token")).ToBeVisibleAsync();
            await CheckAsync(page, $"triage-collect-{language}");
            (await page.Locator("#command-linux").InnerTextAsync()).ShouldStartWith("sudo bash casemgr-collect.sh --upload http");

            await page.Context.CloseAsync();
        }
    }

    private async Task CheckAsync(IPage page, string name)
    {
        await fixture.ScreenshotAsync(page, name);
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldNotMatch("@[A-Za-z]|\\{0\\}", $"{name} shows template text");
        text.ShouldNotContain("triage-flag.", Case.Sensitive, $"{name} shows a raw key");
        (await page.TitleAsync()).ShouldNotContain("Error");
    }

    [GeneratedRegex("[\\u4e00-\\u9fff]")]
    private static partial Regex Chinese();
}
