namespace CaseManager.Web.AcceptanceTests.Pages;

public sealed class LoginPage(IPage page) : BasePage(page)
{
    public async Task<LoginPage> OpenAsync()
    {
        await Page.GotoAsync("/Account/Login");
        return this;
    }

    public async Task SignInAsync(string email, string password)
    {
        await Page.FillAsync("#Input_Email", email);
        await Page.FillAsync("#Input_Password", password);
        await SubmitAndFollowRedirectAsync(() => Page.ClickAsync("button[type=submit].primary"));
    }
}
