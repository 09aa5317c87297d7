using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.AcceptanceTests.Yara;

/// <summary>
/// The YARA pages in English and Chinese, driven in Chromium: the admin adds the starter rules, a consultant's broken
/// rule is refused with its line, a case rule set is saved, evidence analysed with it shows the match on the evidence
/// and case pages, and the memory page of a prctl-renamed helper's core shows the recorded name and the disguise.
/// </summary>
public sealed partial class YaraPagesScreenshotTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Marker = "CASEMGR-ACCEPTANCE-MARKER";

    [Fact]
    public async Task RuleSetPages_Matches_AndDisguise_RenderInBothLanguages()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Yara Victim Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Miner disguised as a kernel thread", null, Severity.High, TrafficLightProtocol.Amber)));

        // Warm the server up first: on a saturated machine its very first page can take longer than the browser's 15 s.
        using (var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl), Timeout = TimeSpan.FromMinutes(3) })
        {
            (await http.GetAsync("/Account/Login")).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        await page.GotoAsync("/Admin/Yara");
        await page.GetByTestId("add-starter").ClickAsync();
        await Assertions.Expect(page.GetByTestId("global-sets")).ToContainTextAsync("CaseManager starter rules");

        await page.GotoAsync($"/Cases/Yara/Edit/{caseId}");
        await page.FillAsync("#Name", "case rules");
        await page.FillAsync("#Source", "rule broken\n{\n    condition:\n        $nowhere\n}\n");
        await page.ClickAsync("#ruleset-form button[type=submit]");
        await Assertions.Expect(page.GetByTestId("compile-error")).ToContainTextAsync("line 5");
        await fixture.ScreenshotAsync(page, "yara-case-edit-refused-en");

        await page.FillAsync("#Source", $"rule Acceptance_Marker : test\n{{\n    meta:\n        severity = \"high\"\n    strings:\n        $m = \"{Marker}\"\n    condition:\n        $m\n}}\n");
        await page.ClickAsync("#ruleset-form button[type=submit]");
        await Assertions.Expect(page.GetByTestId("case-sets")).ToContainTextAsync("case rules");
        await page.Context.CloseAsync();

        var elf = await File.ReadAllBytesAsync("/usr/bin/true");
        var evidence = await fixture.UploadAndAnalyseAsync(caseId, "implant.elf", [.. elf, .. Encoding.ASCII.GetBytes($"\0{Marker}\0")]);
        var core = await fixture.UploadAndAnalyseAsync(caseId, "kworker.core", await CoreOfPrctlRenamedHelperAsync());

        foreach (var language in new[] { "en", "zh-CN" })
        {
            page = await fixture.NewPageAsync();
            await (await new LoginPage(page).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = fixture.App.BaseUrl }]);

            await page.GotoAsync("/Admin/Yara");
            await CheckAsync(page, $"yara-admin-{language}");
            await page.GotoAsync($"/Cases/Yara/Index/{caseId}");
            await CheckAsync(page, $"yara-case-{language}");
            await Assertions.Expect(page.GetByTestId("scan-progress")).ToContainTextAsync("implant.elf");
            await page.GotoAsync($"/Cases/Yara/Edit/{caseId}");
            await CheckAsync(page, $"yara-case-new-{language}");

            await page.GotoAsync($"/Cases/Evidence/Details/{evidence}");
            await CheckAsync(page, $"yara-evidence-{language}");
            (await page.Locator("main").InnerTextAsync()).ShouldContain("Acceptance_Marker");

            await page.GotoAsync($"/Cases/Details/{caseId}");
            await CheckAsync(page, $"yara-case-findings-{language}");
            var titles = await page.Locator("#case-findings .finding-title").AllInnerTextsAsync();
            titles.ShouldContain(t => t.Contains("Acceptance_Marker", StringComparison.Ordinal));
            titles.ShouldContain(t => t.Contains("[kworker/3:1H]", StringComparison.Ordinal));

            await page.GotoAsync($"/Cases/Evidence/Memory/{core}");
            await CheckAsync(page, $"yara-memory-disguise-{language}");
            await Assertions.Expect(page.GetByTestId("disguise")).ToContainTextAsync("[kworker/3:1H]");
            await Assertions.Expect(page.GetByTestId("disguise")).ToContainTextAsync("kthread-helper");

            if (language == "zh-CN")
            {
                (await page.Locator("main").InnerTextAsync()).ShouldMatch(Chinese().ToString());
            }

            await page.Context.CloseAsync();
        }
    }

    private async Task CheckAsync(IPage page, string name)
    {
        await fixture.ScreenshotAsync(page, name);
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldNotMatch(TemplateText().ToString(), $"{name} shows template text");
        (await page.TitleAsync()).ShouldNotContain("Error");
    }

    /// <summary>A gcore core of a helper renamed to [kworker/3:1H] with prctl only (gcore records "kthread-helper").</summary>
    private static async Task<byte[]> CoreOfPrctlRenamedHelperAsync()
    {
        var directory = Directory.CreateTempSubdirectory("casemanager-prctl-");
        try
        {
            var source = Path.Combine(directory.FullName, "helper.c");
            var binary = Path.Combine(directory.FullName, "kthread-helper");
            await File.WriteAllTextAsync(source, """
                #define _GNU_SOURCE
                #include <stdio.h>
                #include <stdlib.h>
                #include <unistd.h>
                #include <sys/prctl.h>
                int main(void) {
                    char *name = malloc(64);
                    snprintf(name, 64, "[kworker/%d:%dH]", 3, 1);
                    prctl(PR_SET_NAME, name, 0, 0, 0);
                    printf("ready\n"); fflush(stdout);
                    char c; while (read(0, &c, 1) > 0) { }
                    return 0;
                }
                """);
            await RunAsync("gcc", ["-O0", "-o", binary, source]);
            using var helper = Process.Start(new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true })!;
            (await helper.StandardOutput.ReadLineAsync()).ShouldBe("ready");
            try
            {
                await RunAsync("gcore", ["-o", Path.Combine(directory.FullName, "core"), helper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                return await File.ReadAllBytesAsync(Path.Combine(directory.FullName, $"core.{helper.Id}"));
            }
            finally
            {
                helper.Kill();
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        process.ExitCode.ShouldBe(0, $"{file}: {await stderr}");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"0x@|@m\.|@\(|@Model|@L\[|@row|@r\.")]
    private static partial Regex TemplateText();
}
