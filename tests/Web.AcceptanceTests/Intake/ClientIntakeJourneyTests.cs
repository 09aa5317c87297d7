using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Web.AcceptanceTests.Intake;

public sealed class ClientIntakeJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string ClientEmail = "it@shenzhen-tech.example";
    private const string ClientPassword = "Kehu!Mima-2026x";
    private const string RansomNote = "您的所有文件已被加密！请在 72 小时内支付 0.5 比特币。";

    [Fact]
    public async Task ClientFillsAndSubmitsTheIntakeInChinese_ConsultantSeesExactlyThatData()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("深圳科技有限公司", "制造业", null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "文件服务器被加密", null, Severity.Critical, TrafficLightProtocol.Amber)));
        await fixture.App.CreateUserAsync(ClientEmail, ClientPassword, Roles.Client, clientId);

        // The client, in Simplified Chinese.
        var page = await fixture.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.SwitchLanguageAsync("zh-CN");
        await login.SignInAsync(ClientEmail, ClientPassword);
        page.Url.ShouldEndWith("/Portal");
        await page.ClickAsync("#portal-cases a");
        await page.ClickAsync("nav.tabs a[href^='/Portal/Intake/Edit']");
        var intake = new IntakePage(page);
        (await intake.Heading.InnerTextAsync()).ShouldStartWith("信息收集表");
        (await intake.RansomwareBlock.IsVisibleAsync()).ShouldBeFalse("the ransomware block opens only for ransomware symptoms");

        await intake.FillAsync("Input.Data.Reporter.Name", "张伟");
        await intake.FillAsync("Input.Data.Reporter.Role", "网络管理员");
        await intake.FillAsync("Input.Data.Reporter.Phone", "+86 755 8888 6666");
        await intake.SelectAsync("Input.Data.Engagement.HowReported", "Phone");
        await intake.SelectAsync("Input.Data.Engagement.Urgency", "Critical");
        await intake.FillAsync("Input.Data.Engagement.ImpactText", "生产线停工，订单系统无法访问");
        await intake.FillAsync("Input.Data.Hosts[0].Hostname", "fs01");
        await intake.FillAsync("Input.Data.Hosts[0].IpAddresses", "10.8.0.5, fd00::5");
        await intake.FillAsync("Input.Data.Hosts[0].Role", "文件服务器");
        await intake.TickSymptomAsync("FilesEncrypted");
        await intake.FillAsync(await intake.SymptomRowAsync("FilesEncrypted") + ".Details", "文件后缀变为 .locked");
        (await intake.RansomwareBlock.IsVisibleAsync()).ShouldBeTrue();
        await intake.FillAsync("Input.Data.Ransomware.NoteText", RansomNote);
        await intake.FillAsync("Input.Data.Ransomware.EncryptedExtension", ".locked");
        await intake.FillAsync("Input.Data.Timeline.FirstNoticed", "2026-11-27T08:30");
        await intake.SelectAsync("Input.Data.Timeline.TimeZone", "Asia/Shanghai");
        await intake.TickActionAsync("Disconnected");
        await intake.FillAsync("Input.Data.Actions.Details", "已拔掉网线");
        await intake.SubmitAsync();

        (await intake.Status.InnerTextAsync()).ShouldStartWith("已提交");
        await intake.ScreenshotAsync("intake-client-zh-CN");

        // The consultant, in English, sees exactly what the client entered.
        var consultantPage = await fixture.NewPageAsync();
        await (await new LoginPage(consultantPage).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        await consultantPage.GotoAsync($"/Cases/Intake/Edit/{caseId}");
        var seen = new IntakePage(consultantPage);
        (await seen.Status.InnerTextAsync()).ShouldStartWith("Submitted");
        (await seen.Field("Input.Data.Reporter.Name").InputValueAsync()).ShouldBe("张伟");
        (await seen.Field("Input.Data.Reporter.Role").InputValueAsync()).ShouldBe("网络管理员");
        (await seen.Field("Input.Data.Engagement.Urgency").InputValueAsync()).ShouldBe("Critical");
        (await seen.Field("Input.Data.Engagement.ImpactText").InputValueAsync()).ShouldBe("生产线停工，订单系统无法访问");
        (await seen.Field("Input.Data.Hosts[0].IpAddresses").InputValueAsync()).ShouldBe("10.8.0.5, fd00::5");
        (await seen.Field("Input.Data.Hosts[0].Role").InputValueAsync()).ShouldBe("文件服务器");
        (await consultantPage.Locator("input[data-symptom='FilesEncrypted']").IsCheckedAsync()).ShouldBeTrue();
        (await seen.Field(await seen.SymptomRowAsync("FilesEncrypted") + ".Details").InputValueAsync()).ShouldBe("文件后缀变为 .locked");
        (await seen.Field("Input.Data.Ransomware.NoteText").InputValueAsync()).ShouldBe(RansomNote);
        (await seen.Field("Input.Data.Timeline.FirstNoticed").InputValueAsync()).ShouldBe("2026-11-27T08:30");
        (await seen.Field("Input.Data.Timeline.TimeZone").InputValueAsync()).ShouldBe("Asia/Shanghai");
        (await consultantPage.Locator("input[name='Input.Data.Actions.Kinds'][value='Disconnected']").IsCheckedAsync()).ShouldBeTrue();
        (await seen.Field("Input.Data.Actions.Details").InputValueAsync()).ShouldBe("已拔掉网线");
        (await consultantPage.Locator("#intake-internal").CountAsync()).ShouldBe(1, "consultants see their own section");
        await seen.ScreenshotAsync("intake-consultant-en");
    }
}
