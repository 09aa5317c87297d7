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
        // The old document is marked, so the wait below ends only once the document the redirect led to has replaced it
        // (a redirect back to the same URL included); otherwise the caller's next navigation races this one.
        await Page.EvaluateAsync("() => { window.__beforeSubmit = true; }");
        await Page.RunAndWaitForResponseAsync(submit, r => r.Request.IsNavigationRequest && r.Request.RedirectedFrom is not null);
        await Page.WaitForFunctionAsync("() => window.__beforeSubmit !== true && document.readyState !== 'loading'");
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
