namespace CaseManager.Web.AcceptanceTests.Pages;

public sealed class CasePages(IPage page) : BasePage(page)
{
    public ILocator Number => Page.Locator("[data-testid=case-number]");

    public ILocator Phase => Page.Locator("[data-testid=case-phase]");

    public async Task OpenAsync(string clientName, string title, string severity)
    {
        await Page.GotoAsync("/Cases/Create");
        await Page.SelectOptionAsync("#Input_ClientId", new SelectOptionValue { Label = clientName });
        await Page.FillAsync("#Input_Title", title);
        await Page.SelectOptionAsync("#Input_Severity", severity);
        await SubmitAndFollowRedirectAsync(() => Page.ClickAsync("form button[type=submit].primary"));
    }

    public async Task SearchListAsync(string text)
    {
        await Page.GotoAsync("/Cases");
        await Page.FillAsync("input[name=Search]", text);
        await Page.ClickAsync(".filters button[type=submit]");
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("Search="));
    }

    public ILocator ListRows => Page.Locator("#cases-table tbody tr");
}
