using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Remediation.Queries;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Identity;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

namespace CaseManager.Web.AcceptanceTests.Remediation;

public sealed class RemediationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string ClientEmail = "ops@mining-victim.example";
    private const string ClientPassword = "Kehu!Mima-2026y";

    [Fact]
    public async Task ClientMarksAnItemDoneWithANote_InThePortal_AndTheConsultantVerifiesIt()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("矿机受害公司", null, null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "web01 挖矿", null, Severity.High, TrafficLightProtocol.Amber)));
        await fixture.UploadAndAnalyseAsync(caseId, "web01-triage.tar.gz", TriageScenarios.LinuxCompromised());
        await fixture.App.AsSystemAsync(async s =>
        {
            await s.Send(new ConfirmClassificationCommand(caseId, IncidentType.Cryptomining, "XMRig", Severity.High, "triage"));
            return 0;
        });
        var userId = await fixture.App.CreateUserAsync(ClientEmail, ClientPassword, Roles.Client, clientId);
        var view = await fixture.App.AsSystemAsync(s => s.Send(new GetRemediationQuery(caseId)));
        var cron = view.Items.Single(i => i.Target == "/etc/crontab: */5 * * * * root /etc/security/ntps.conf >/dev/null 2>&1");
        await fixture.App.AsSystemAsync(async s =>
        {
            await s.Send(new AssignRemediationItemCommand(cron.Id, userId, new DateOnly(2026, 12, 31)));
            return 0;
        });

        // The client, in Chinese: only their item; a skipped step without a reason is refused with a message.
        var page = await fixture.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.SwitchLanguageAsync("zh-CN");
        await login.SignInAsync(ClientEmail, ClientPassword);
        await page.GotoAsync($"/Portal/Remediation/Index/{caseId}");
        (await page.Locator("[data-testid=remediation-item]").CountAsync()).ShouldBe(1);
        var item = page.Locator($"[data-item='{cron.Id}']");
        await item.Locator("summary").Last.ClickAsync();
        await item.Locator("[data-testid=status-select]").SelectOptionAsync("Done");
        await item.Locator("[data-testid=note]").FillAsync("已从 /etc/crontab 删除该行");
        await item.Locator("[data-testid=save-status]").ClickAsync();
        (await page.Locator(".errors").InnerTextAsync()).ShouldContain("此状态变更跳过了步骤");
        (await page.Locator($"[data-item='{cron.Id}']").GetAttributeAsync("data-status")).ShouldBe("Open");

        item = page.Locator($"[data-item='{cron.Id}']");
        await item.Locator("summary").Last.ClickAsync();
        await item.Locator("[data-testid=status-select]").SelectOptionAsync("Done");
        await item.Locator("[data-testid=note]").FillAsync("已从 /etc/crontab 删除该行");
        await item.Locator("[data-testid=reason]").FillAsync("电话中已直接处理");
        await item.Locator("[data-testid=save-status]").ClickAsync();
        (await page.Locator($"[data-item='{cron.Id}']").GetAttributeAsync("data-status")).ShouldBe("Done");
        (await page.Locator($"[data-item='{cron.Id}'] [data-testid=item-note]").InnerTextAsync()).ShouldBe("已从 /etc/crontab 删除该行");

        // ... and attaches the crontab as it is now as proof
        item = page.Locator($"[data-item='{cron.Id}']");
        await item.Locator("summary").Last.ClickAsync();
        await item.Locator("[data-testid=proof-file]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "crontab-after.txt",
            MimeType = "text/plain",
            Buffer = "# /etc/crontab\nSHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n"u8.ToArray(),
        });
        await item.Locator("[data-testid=attach-proof]").ClickAsync();
        (await page.Locator($"[data-item='{cron.Id}'] [data-testid=proof-link]").InnerTextAsync()).ShouldBe("crontab-after.txt");
        await fixture.ScreenshotAsync(page, "remediation-portal-zh-CN");

        // The consultant, in English, sees the note and verifies the item.
        var consultant = await fixture.NewPageAsync();
        await (await new LoginPage(consultant).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        await consultant.GotoAsync($"/Cases/Remediation/Index/{caseId}");
        var row = consultant.Locator($"[data-item='{cron.Id}']");
        (await row.Locator("[data-testid=item-note]").InnerTextAsync()).ShouldBe("已从 /etc/crontab 删除该行");
        (await consultant.Locator("[data-testid=item-command]").First.InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        await row.Locator("summary").Last.ClickAsync();
        await row.Locator("[data-testid=status-select]").SelectOptionAsync("Verified");
        await row.Locator("[data-testid=save-status]").ClickAsync();
        (await consultant.Locator($"[data-item='{cron.Id}']").GetAttributeAsync("data-status")).ShouldBe("Verified");
        (await consultant.Locator($"[data-item='{cron.Id}'] [data-testid=proof-link]").InnerTextAsync()).ShouldBe("crontab-after.txt");
        await fixture.ScreenshotAsync(consultant, "remediation-consultant-en");

        // the client's "done" and the consultant's "verified" are on the case timeline, in the remediation lane
        await consultant.GotoAsync($"/Cases/Timeline/Index/{caseId}?lane=Remediation");
        var rows = consultant.Locator("#timeline-table tbody tr");
        (await rows.Locator("td:nth-child(3) strong").AllInnerTextsAsync()).ShouldBe(["Remediation item done", "Remediation item verified"]);
        (await rows.First.InnerTextAsync()).ShouldContain(ClientEmail);
        (await rows.Nth(1).InnerTextAsync()).ShouldNotContain("已从 /etc/crontab 删除该行");   // the verification said nothing; the client's note stays with "done"
        await fixture.ScreenshotAsync(consultant, "remediation-timeline-en");

        // the playbook editor, in English
        await consultant.GotoAsync("/Admin/Playbooks");
        (await consultant.Locator("#playbooks tr[data-type=cryptomining]").InnerTextAsync()).ShouldContain("v1");
        await fixture.ScreenshotAsync(consultant, "admin-playbooks-en");
        await consultant.GotoAsync("/Admin/Playbooks/Edit/cryptomining");
        (await consultant.Locator("[data-testid=in-use]").InnerTextAsync()).ShouldContain("Saving creates version 2");
        await fixture.ScreenshotAsync(consultant, "admin-playbook-edit-en");

        await consultant.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = fixture.App.BaseUrl }]);
        await consultant.GotoAsync($"/Cases/Remediation/Index/{caseId}");
        await fixture.ScreenshotAsync(consultant, "remediation-consultant-zh-CN");
        await consultant.GotoAsync($"/Cases/Timeline/Index/{caseId}?lane=Remediation");
        (await consultant.Locator("#timeline-table tbody tr td:nth-child(3) strong").AllInnerTextsAsync()).ShouldBe(["整改项已完成", "整改项已验证"]);
        await fixture.ScreenshotAsync(consultant, "remediation-timeline-zh-CN");
        await consultant.GotoAsync("/Admin/Playbooks");
        await fixture.ScreenshotAsync(consultant, "admin-playbooks-zh-CN");
        await consultant.GotoAsync("/Admin/Playbooks/Edit/cryptomining");
        await fixture.ScreenshotAsync(consultant, "admin-playbook-edit-zh-CN");
        await page.Context.ClearCookiesAsync();
    }
}
