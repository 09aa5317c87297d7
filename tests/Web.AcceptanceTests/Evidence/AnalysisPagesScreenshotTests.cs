using System.Diagnostics;
using System.Text.RegularExpressions;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.AcceptanceTests.Evidence;

/// <summary>
/// The traffic, memory and case pages in English and Chinese, screenshotted in Chromium and read back: addresses are
/// hex, no Razor template text reaches the page, and in Chinese the finding titles are Chinese.
/// </summary>
public sealed partial class AnalysisPagesScreenshotTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TrafficMemoryAndCasePages_RenderInBothLanguages()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Mining Victim Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Miner and IRC bot on a web server", null, Severity.High, TrafficLightProtocol.Amber)));
        await fixture.UploadAndAnalyseAsync(caseId, "c2-lookup.pcap", TinyCapture.DnsQuery("sjb555.3322.org"));
        var irc = await fixture.UploadAndAnalyseAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        await fixture.UploadAndAnalyseAsync(caseId, "mining.pcapng", await File.ReadAllBytesAsync(TestData.Pcap("nesfit_xmr.suprnova.cc.pcapng")));
        var core = await fixture.UploadAndAnalyseAsync(caseId, "sleeper.core", await CoreOfAHelperProcessAsync());

        foreach (var language in new[] { "en", "zh-CN" })
        {
            var page = await fixture.NewPageAsync();
            await (await new LoginPage(page).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = fixture.App.BaseUrl }]);

            await page.GotoAsync($"/Cases/Evidence/Traffic/{irc}");
            await CheckAsync(page, $"analysis-traffic-{language}");
            await Assertions.Expect(page.Locator("table.grid[data-table] tbody tr").First).ToBeVisibleAsync();

            await page.GotoAsync($"/Cases/Evidence/Memory/{core}?ttable=mapped_files");
            await CheckAsync(page, $"analysis-memory-{language}");
            var starts = await page.Locator("table.grid[data-table=mapped_files] tbody tr td:first-child").AllInnerTextsAsync();
            starts.ShouldNotBeEmpty();
            starts.ShouldAllBe(s => HexAddress().IsMatch(s.Trim()));
            var offsets = await page.Locator("#strings tbody tr td:first-child").AllInnerTextsAsync();
            offsets.ShouldNotBeEmpty();
            offsets.ShouldAllBe(s => HexAddress().IsMatch(s.Trim()));

            await page.GotoAsync($"/Cases/Details/{caseId}");
            await CheckAsync(page, $"analysis-case-{language}");
            var titles = await page.Locator("#case-findings .finding-title").AllInnerTextsAsync();
            titles.ShouldNotBeEmpty();
            titles.ShouldContain(t => t.Contains("sjb555.3322.org", StringComparison.Ordinal));
            if (language == "zh-CN")
            {
                titles.ShouldAllBe(t => Chinese().IsMatch(t));
                (await page.Locator("#case-indicators thead").InnerTextAsync()).ShouldMatch(Chinese().ToString());
            }
            else
            {
                titles.ShouldAllBe(t => !Chinese().IsMatch(t));
            }

            await page.Context.CloseAsync();
        }
    }

    /// <summary>Screenshot, then no template text, no raw resource keys, no error page.</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        await fixture.ScreenshotAsync(page, name);
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldNotMatch(TemplateText().ToString(), $"{name} shows template text");
        text.ShouldNotMatch(RawLabelKey().ToString(), $"{name} shows a raw table or column label key");
        (await page.TitleAsync()).ShouldNotContain("Error");
    }

    /// <summary>A core of a sleeping helper process made with gdb's gcore, as memory tests make theirs.</summary>
    private static async Task<byte[]> CoreOfAHelperProcessAsync()
    {
        var directory = Directory.CreateTempSubdirectory("casemanager-core-");
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            using var gcore = Process.Start(new ProcessStartInfo("gcore", ["-o", Path.Combine(directory.FullName, "core"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await gcore.StandardOutput.ReadToEndAsync();
            await gcore.WaitForExitAsync();
            gcore.ExitCode.ShouldBe(0, await gcore.StandardError.ReadToEndAsync());
            return await File.ReadAllBytesAsync(Path.Combine(directory.FullName, $"core.{sleeper.Id}"));
        }
        finally
        {
            sleeper.Kill();
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^0x[0-9a-f]+$")]
    private static partial Regex HexAddress();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"\b(table|column)\.[a-z_]+")]
    private static partial Regex RawLabelKey();

    [GeneratedRegex(@"0x@|@m\.|@\(|@Model|@L\[|@row|@r\.")]
    private static partial Regex TemplateText();
}
