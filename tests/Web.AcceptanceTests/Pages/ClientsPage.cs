namespace CaseManager.Web.AcceptanceTests.Pages;

public sealed class ClientsPage(IPage page) : BasePage(page)
{
    public async Task CreateAsync(string name, string industry, string contactName, string contactEmail)
    {
        await Page.GotoAsync("/Clients/Create");
        await Page.FillAsync("#Input_Name", name);
        await Page.FillAsync("#Input_Industry", industry);
        await Page.FillAsync("input[name='Input.Contacts[0].Name']", contactName);
        await Page.FillAsync("input[name='Input.Contacts[0].Email']", contactEmail);
        await SubmitAndFollowRedirectAsync(() => Page.ClickAsync("form button[type=submit].primary"));
    }

    public ILocator Row(string name) => Page.Locator("#clients-table tbody tr", new() { HasText = name });
}
