namespace CaseManager.Web.AcceptanceTests.Cases;

public sealed class OpenCaseJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_CreatesClientAndCase_FindsItInTheList_AndReadsTheListInChinese()
    {
        var page = await fixture.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        new Uri(page.Url).AbsolutePath.ShouldBe("/", "sign-in lands on the dashboard");

        var clients = new ClientsPage(page);
        await clients.CreateAsync("华东制造有限公司", "Manufacturing", "王芳", "wang.fang@example.cn");
        (await clients.Row("华东制造有限公司").CountAsync()).ShouldBe(1);

        var cases = new CasePages(page);
        await cases.OpenAsync("华东制造有限公司", "XMRig miner on build server", "Critical");
        var number = await cases.Number.InnerTextAsync();
        number.ShouldMatch(@"^IR-\d{4}-\d{4}$");
        (await cases.Phase.InnerTextAsync()).ShouldBe("Intake");

        await cases.SearchListAsync(number);
        (await cases.ListRows.CountAsync()).ShouldBe(1);
        var row = cases.ListRows.First;
        (await row.InnerTextAsync()).ShouldContain("XMRig miner on build server");
        (await row.InnerTextAsync()).ShouldContain("华东制造有限公司");

        await cases.SwitchLanguageAsync("zh-CN");
        (await cases.Heading.InnerTextAsync()).ShouldBe("案件");
        (await page.Locator("#cases-table thead").InnerTextAsync()).ShouldContain("编号");
        (await page.Locator("#cases-table tbody").InnerTextAsync()).ShouldContain("严重");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("zh-CN");
        await cases.ScreenshotAsync("cases-list-zh-CN");

        // The choice persists: a fresh navigation is still in Chinese.
        await page.GotoAsync("/Clients");
        (await cases.Heading.InnerTextAsync()).ShouldBe("客户");
    }
}
