namespace CaseManager.Web.AcceptanceTests.Pages;

/// <summary>The staff reports tab of a case: generate, submit, approve.</summary>
public sealed class ReportsPage(IPage page) : BasePage(page)
{
    public async Task<ReportsPage> OpenAsync(Guid caseId)
    {
        await Page.GotoAsync($"/Cases/Reports/Index/{caseId}");
        return this;
    }

    public ILocator Version(int version) => Page.Locator($"[data-testid=report-version][data-version='{version}']");

    public async Task GenerateAsync(string language, string executiveSummary)
    {
        var form = Page.Locator("[data-testid=generate-form]");
        await form.Locator("#Language").SelectOptionAsync(language);
        await form.Locator("#ExecutiveSummary").FillAsync(executiveSummary);
        await SubmitAndFollowRedirectAsync(() => form.Locator("button[type=submit]").ClickAsync());
    }

    public Task SubmitForReviewAsync(int version) => SubmitAndFollowRedirectAsync(() => Version(version).Locator("[data-testid=submit-review]").ClickAsync());

    public Task ApproveAsync(int version) => SubmitAndFollowRedirectAsync(() => Version(version).Locator("[data-testid=approve]").ClickAsync());
}
