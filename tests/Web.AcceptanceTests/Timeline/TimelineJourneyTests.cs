using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Web.AcceptanceTests.Timeline;

/// <summary>
/// Issue 12: a consultant adds a manual timeline event and a note and sees both on the timeline (table and chart), then
/// finds the case with the header's search box; the timeline, notes, activity and search pages are screenshotted in
/// English and Chinese, with no script errors (the chart runs under the CSP).
/// </summary>
public sealed class TimelineJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Consultant_AddsAnEventAndANote_AndSeesThemOnTheTimeline()
    {
        const string email = "timeline.consultant@test.local";
        await fixture.App.CreateUserAsync(email, TestApp.AdminPassword, Roles.Consultant, null);
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Timeline Victim Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Webshell and miner on web07", null, Severity.High, TrafficLightProtocol.Amber,
            DetectedAt: new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero))));

        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await (await new LoginPage(page).OpenAsync()).SignInAsync(email, TestApp.AdminPassword);

        await page.GotoAsync($"/Cases/Details/{caseId}");
        await page.Locator("[data-testid=case-tabs] a", new() { HasTextString = "Timeline" }).ClickAsync();
        await page.Locator("#Input_OccurredAt").FillAsync("2026-11-19T02:10:05");
        await page.Locator("#Input_Host").FillAsync("web07");
        await page.Locator("#Input_Description").FillAsync("Webshell uploaded through the CMS plugin");
        await page.Locator("#Input_Tactic").SelectOptionAsync("Persistence");
        await page.Locator("#timeline-event-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Timeline event added.");

        await page.Locator("[data-testid=case-tabs] a", new() { HasTextString = "Notes" }).ClickAsync();
        await page.Locator("#Markdown").FillAsync("## Miner found\n\n`xmrig` runs from **/tmp/.x** <script>alert(1)</script>");
        await page.Locator("#note-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=note] .note-body strong")).ToHaveTextAsync("/tmp/.x");
        await fixture.ScreenshotAsync(page, "case-notes-en");

        await page.Locator("[data-testid=case-tabs] a", new() { HasTextString = "Timeline" }).ClickAsync();
        var table = page.Locator("#timeline-table");
        var manual = table.Locator("tr[data-kind=ManualEvent]");
        await Assertions.Expect(manual).ToContainTextAsync("Webshell uploaded through the CMS plugin");
        await Assertions.Expect(manual).ToContainTextAsync("web07");
        await Assertions.Expect(manual).ToContainTextAsync("Persistence");
        await Assertions.Expect(manual).ToContainTextAsync("2026-11-19 02:10:05");
        await Assertions.Expect(table.Locator("tr[data-kind=NoteWritten]")).ToContainTextAsync("Miner found");
        await Assertions.Expect(table.Locator("tr[data-kind=Detected]")).ToContainTextAsync("2026-11-19 08:00:00");
        await Assertions.Expect(page.Locator("#timeline-chart canvas")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "case-timeline-en");

        await page.Locator("#timeline-filter select[name=lane]").SelectOptionAsync("Manual");
        await page.Locator("#timeline-filter button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#timeline-table tbody tr")).ToHaveCountAsync(1);

        await page.Locator("[data-testid=case-tabs] a", new() { HasTextString = "Activity" }).ClickAsync();
        await Assertions.Expect(page.Locator("#activity tr[data-kind=TimelineEventAdded]")).ToContainTextAsync(email);
        await Assertions.Expect(page.Locator("#activity tr[data-kind=NoteAdded]")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "case-activity-en");

        await page.Locator("[data-testid=header-search]").FillAsync("Webshell and miner");
        await page.Locator("[data-testid=header-search]").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#search-results tbody tr")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "search-en");

        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = fixture.App.BaseUrl }]);
        foreach (var (url, name, heading) in new[]
        {
            ($"/Cases/Timeline/Index/{caseId}", "case-timeline-zh-CN", "时间线"),
            ($"/Cases/Notes/Index/{caseId}", "case-notes-zh-CN", "备注"),
            ($"/Cases/Activity/Index/{caseId}", "case-activity-zh-CN", "活动"),
            ("/Search?q=web07", "search-zh-CN", "搜索"),
        })
        {
            await page.GotoAsync(url);
            (await page.Locator("main h1").InnerTextAsync()).ShouldStartWith(heading);
            await fixture.ScreenshotAsync(page, name);
        }

        await page.GotoAsync($"/Cases/Timeline/Index/{caseId}");
        await Assertions.Expect(page.Locator("#timeline-table tr[data-kind=ManualEvent]")).ToContainTextAsync("持久化");
        errors.ShouldBeEmpty();
    }
}
