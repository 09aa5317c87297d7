namespace CaseManager.Web.AcceptanceTests.Pages;

/// <summary>What every page has: the top bar with navigation and the language switcher.</summary>
public abstract class BasePage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.Locator("main h1");

    public async Task SwitchLanguageAsync(string culture)
    {
        await SubmitAndFollowRedirectAsync(() => Page.SelectOptionAsync("#culture-select", culture));
    }

    /// <summary>Submits a POST form and waits until the page it redirects to has loaded (post/redirect/get).</summary>
    protected async Task SubmitAndFollowRedirectAsync(Func<Task> submit)
    {
        await Page.RunAndWaitForResponseAsync(submit, r => r.Request.IsNavigationRequest && r.Request.RedirectedFrom is not null);
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
