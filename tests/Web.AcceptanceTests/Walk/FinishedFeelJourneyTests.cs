using System.Text.RegularExpressions;
using CaseManager.Application.Cases.Commands.AssignConsultant;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Infrastructure.Demo;

namespace CaseManager.Web.AcceptanceTests.Walk;

/// <summary>Issue #17's journeys in Chromium: a chart read and drilled into, a message answered, a draft kept across a language switch.</summary>
public sealed partial class FinishedFeelJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Journey!Passw0rd-26";

    [Fact]
    public async Task Consultant_ReadsTheTopTalkersChart_AndClicksABar_ToSeeThatExactHostsConversations()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Chart Reader Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Scanning traffic", null, Severity.High, TrafficLightProtocol.Amber)));
        // 2,000 conversations to 192.0.2.1–200, ten each: 192.0.2.1 is a prefix of 192.0.2.10–19 and 192.0.2.100–199.
        var capture = await fixture.UploadAndAnalyseAsync(caseId, "flows.pcap", DemoCaptures.ManyFlows(2_000));
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await (await new LoginPage(page).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        await page.GotoAsync($"/Cases/Evidence/Traffic/{capture}");
        var chart = page.Locator("#chart-talkers[data-chart-ready=true]");
        await Assertions.Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-volume[data-chart-ready=true] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-time[data-chart-ready=true] canvas")).ToHaveCountAsync(1);

        await chart.ScrollIntoViewIfNeededAsync();

        // Read it: hovering the first bar shows its address and bytes in the chart's tooltip.
        var (ip, x, y) = await BarAsync(page, "chart-talkers", 0);
        ip.ShouldBe("192.0.2.1");
        await page.Mouse.MoveAsync(x, y);
        await Assertions.Expect(chart).ToContainTextAsync(ip);
        await fixture.ScreenshotAsync(page, "journey-traffic-chart-hover");

        // Drill in: clicking that bar opens the conversations of exactly that host — its ten, not 192.0.2.1xx's.
        await page.Mouse.ClickAsync(x, y);
        await page.WaitForURLAsync(new Regex($"host={Regex.Escape(ip)}&table=conversations"));
        await Assertions.Expect(page.Locator("#host-filter")).ToContainTextAsync(ip);
        var table = page.Locator("#traffic-table");
        await Assertions.Expect(table).ToHaveAttributeAsync("data-total", "10");
        var rows = table.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        foreach (var row in await rows.AllInnerTextsAsync())
        {
            row.ShouldContain(ip + ":9999");
        }

        await fixture.ScreenshotAsync(page, "journey-traffic-drilldown");
        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = fixture.App.BaseUrl }]);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#host-filter")).ToContainTextAsync("仅显示该地址的行");
        await Assertions.Expect(page.Locator("#chart-time[data-chart-ready=true] canvas")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "journey-traffic-drilldown-zh");
        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = fixture.App.BaseUrl }]);
        await page.ReloadAsync();

        // The host stays while sorting; "show every address" lifts it, and the text filter still matches substrings.
        await page.ClickAsync("#traffic-table thead a[data-column=first_seen]");
        await Assertions.Expect(page.Locator("#host-filter")).ToContainTextAsync(ip);
        await Assertions.Expect(table).ToHaveAttributeAsync("data-total", "10");
        await page.ClickAsync("#host-filter-clear");
        await Assertions.Expect(page.Locator("#host-filter")).ToHaveCountAsync(0);
        await Assertions.Expect(table).ToHaveAttributeAsync("data-total", "2000");
        await page.FillAsync("#traffic-table-filter", ip);
        await page.PressAsync("#traffic-table-filter", "Enter");
        await Assertions.Expect(table).ToHaveAttributeAsync("data-total", (10 * 111).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Client_AnswersTheConsultantsMessage_AndTheConsultantIsNotified()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Message Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Phishing wave", null, Severity.Medium, TrafficLightProtocol.Green)));
        var consultantId = await fixture.App.CreateUserAsync("journey.consultant@test.local", Password, Roles.Consultant, null);
        await fixture.App.CreateUserAsync("journey.client@test.local", Password, Roles.Client, clientId);
        await fixture.App.AsSystemAsync(s => s.Send(new AssignConsultantCommand(caseId, consultantId)));

        var consultant = await fixture.NewPageAsync();
        await (await new LoginPage(consultant).OpenAsync()).SignInAsync("journey.consultant@test.local", Password);
        await consultant.GotoAsync($"/Cases/Details/{caseId}");
        await consultant.FillAsync("#MessageBody", "Did anyone click the link? Which mailbox?");
        await consultant.ClickAsync("#send-message");
        await Assertions.Expect(consultant.Locator("[data-testid=message]")).ToHaveCountAsync(1);

        var client = await fixture.NewPageAsync();
        await (await new LoginPage(client).OpenAsync()).SignInAsync("journey.client@test.local", Password);
        await Assertions.Expect(client.Locator("[data-testid=unread-count]")).ToHaveTextAsync("1");
        await client.ClickAsync("a[data-nav=notifications]");
        await client.ClickAsync("#notifications li a");
        await Assertions.Expect(client.Locator("#messages")).ToContainTextAsync("Did anyone click the link?");
        await client.FillAsync("#MessageBody", "Yes — finance@, at 09:12. نعم");
        await client.ClickAsync("#send-message");
        await Assertions.Expect(client.Locator("[data-testid=message]")).ToHaveCountAsync(2);
        await Assertions.Expect(client.Locator("[data-testid=message].mine")).ToContainTextAsync("finance@, at 09:12");
        await fixture.ScreenshotAsync(client, "journey-client-answers");

        // The consultant is notified (the bell counts it, the list names the case) and sees the answer on the dashboard.
        await consultant.GotoAsync("/");
        await Assertions.Expect(consultant.Locator("[data-testid=unread-count]")).ToHaveTextAsync("1");
        await consultant.ClickAsync("a[data-nav=notifications]");
        await Assertions.Expect(consultant.Locator("#notifications li")).ToContainTextAsync("Phishing wave");
        await fixture.ScreenshotAsync(consultant, "journey-consultant-notified");
        await consultant.GotoAsync("/");
        await Assertions.Expect(consultant.Locator("[data-change=messages]")).ToContainTextAsync("1 message from the client");
        await consultant.ClickAsync("[data-change=messages]");
        await Assertions.Expect(consultant.Locator("[data-testid=message].from-client")).ToContainTextAsync("finance@, at 09:12");
        await consultant.GotoAsync("/");
        await Assertions.Expect(consultant.Locator("[data-change=none]")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(consultant, "journey-dashboard-seen");
    }

    [Fact]
    public async Task IntakeInput_SurvivesALanguageSwitch()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Draft Co", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Draft intake", null, Severity.Low, TrafficLightProtocol.Green)));
        await fixture.App.CreateUserAsync("journey.draft@test.local", Password, Roles.Client, clientId);
        var page = await fixture.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync("journey.draft@test.local", Password);
        await page.GotoAsync($"/Portal/Intake/Edit/{caseId}");
        var intake = new IntakePage(page);
        await intake.FillAsync("Input.Data.Reporter.Name", "Ann Lee");
        await intake.FillAsync("Input.Data.Hosts[0].Hostname", "fs01");
        await page.ClickAsync("[data-add-row=hosts]");

        await intake.SwitchLanguageAsync("zh-CN");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(intake.Heading).ToContainTextAsync("信息收集表");
        await Assertions.Expect(intake.Field("Input.Data.Reporter.Name")).ToHaveValueAsync("Ann Lee");
        await Assertions.Expect(intake.Field("Input.Data.Hosts[0].Hostname")).ToHaveValueAsync("fs01");
    }

    /// <summary>Where bar <paramref name="index"/> of an ECharts bar chart is on the page, and its category.</summary>
    private static async Task<(string Category, float X, float Y)> BarAsync(IPage page, string id, int index)
    {
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            """
            ([id, index]) => {
              const el = document.getElementById(id);
              const chart = echarts.getInstanceByDom(el);
              const option = chart.getOption();
              const category = option.yAxis[0].data[index];
              const value = option.series[0].data[index];
              const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [value / 2, index]);
              const box = el.getBoundingClientRect();
              return { category: String(category), x: box.left + x, y: box.top + y };
            }
            """, new object[] { id, index });
        return (result.GetProperty("category").GetString()!, result.GetProperty("x").GetSingle(), result.GetProperty("y").GetSingle());
    }
}
