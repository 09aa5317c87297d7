using System.Security.Cryptography;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.AcceptanceTests.Reports;

/// <summary>
/// Issue 14 in Chromium: a consultant generates and submits a report, a second consultant approves it, and the client
/// finds it on its case page, downloads it (SHA-256 equal to the one shown), and gets 404 for a draft and for another
/// organisation's report. Screenshots of the staff and portal pages in English and Chinese.
/// </summary>
public sealed class ReportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Baogao!Mima-2026";

    [Fact]
    public async Task ReviewedReport_IsPublished_AndTheClientDownloadsExactlyWhatIsShown()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Report Client Ltd", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Ransomware on the file server", null, Severity.High, TrafficLightProtocol.Amber)));
        var otherClientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Someone Else GmbH", null, null, [])));
        var otherCaseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(otherClientId, "Miner elsewhere", null, Severity.Medium, TrafficLightProtocol.Green)));
        await PublishedReportInDatabaseAsync(otherCaseId);
        await fixture.App.CreateUserAsync("author@report.example", Password, Roles.Consultant, null);
        await fixture.App.CreateUserAsync("reviewer@report.example", Password, Roles.Consultant, null);
        await fixture.App.CreateUserAsync("reader@report-client.example", Password, Roles.Client, clientId);

        // The author generates a draft and submits it; the approve button is not offered to them.
        var author = await SignedInAsync("author@report.example");
        var reports = await new ReportsPage(author).OpenAsync(caseId);
        await reports.GenerateAsync("en", "## What happened\n\nA ransomware operator encrypted the file server.");
        (await reports.Version(1).GetAttributeAsync("data-state")).ShouldBe(nameof(ReportState.Draft));
        await reports.SubmitForReviewAsync(1);
        (await reports.Version(1).GetAttributeAsync("data-state")).ShouldBe(nameof(ReportState.InReview));
        (await reports.Version(1).Locator("[data-testid=approve]").CountAsync()).ShouldBe(0);
        (await reports.Version(1).Locator("[data-testid=own-report]").InnerTextAsync()).ShouldContain("another consultant");
        await fixture.ScreenshotAsync(author, "reports-staff-in-review-en");

        // A second consultant approves: published.
        var reviewer = await SignedInAsync("reviewer@report.example");
        var review = await new ReportsPage(reviewer).OpenAsync(caseId);
        await review.ApproveAsync(1);
        (await review.Version(1).GetAttributeAsync("data-state")).ShouldBe(nameof(ReportState.Published));
        var shownPdfSha = (await review.Version(1).Locator("[data-testid=pdf-sha256]").InnerTextAsync()).Trim();
        await fixture.ScreenshotAsync(reviewer, "reports-staff-published-en");
        await reviewer.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = fixture.App.BaseUrl }]);
        await reviewer.GotoAsync($"/Cases/Reports/Index/{caseId}");
        await fixture.ScreenshotAsync(reviewer, "reports-staff-published-zh-CN");

        // Then a newer draft exists, which the client must never reach.
        await review.GenerateAsync("zh-CN", "草稿");

        // The client: the published report on its case page, downloaded byte for byte.
        var client = await SignedInAsync("reader@report-client.example");
        await client.GotoAsync($"/Portal/Cases/Details/{caseId}");
        var row = client.Locator("[data-testid=published-report]");
        (await row.CountAsync()).ShouldBe(1);
        (await row.GetAttributeAsync("data-version")).ShouldBe("1");
        var portalSha = (await row.Locator("[data-testid=pdf-sha256]").InnerTextAsync()).Trim();
        portalSha.ShouldBe(shownPdfSha);
        var download = await client.RunAndWaitForDownloadAsync(() => row.Locator("[data-testid=download-pdf]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith("-report-v1-en.pdf");
        var path = await download.PathAsync();
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))).ShouldBe(portalSha);
        await fixture.ScreenshotAsync(client, "reports-portal-case-en");
        await client.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = fixture.App.BaseUrl }]);
        await client.GotoAsync($"/Portal/Reports/Index/{caseId}");
        await fixture.ScreenshotAsync(client, "reports-portal-list-zh-CN");

        // The draft (version 2) and another organisation's published report: 404.
        (await client.GotoAsync($"/api/cases/{caseId}/reports/2.pdf"))!.Status.ShouldBe(404);
        (await client.GotoAsync($"/api/cases/{otherCaseId}/reports/1.pdf"))!.Status.ShouldBe(404);
        (await client.GotoAsync($"/Portal/Reports/Index/{otherCaseId}"))!.Status.ShouldBe(404);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await fixture.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync(email, Password);
        return page;
    }

    /// <summary>Another organisation's published version, straight into the database (its files are never read: the answer is 404 before that).</summary>
    private Task PublishedReportInDatabaseAsync(Guid caseId) => fixture.App.InDbAsync(async db =>
    {
        var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(caseId));
        var files = new ReportFiles(new string('a', 64), 10, new string('b', 64), 10, 1, DateTimeOffset.UtcNow);
        var report = CaseReport.Draft(incident, 1, "en", null, null, files, "someone", "Someone", DateTimeOffset.UtcNow);
        report.SubmitForReview("someone", "Someone", DateTimeOffset.UtcNow);
        report.Approve("someone-else", "Someone Else", DateTimeOffset.UtcNow);
        db.Reports.Add(report);
        return await db.SaveChangesAsync();
    });
}
