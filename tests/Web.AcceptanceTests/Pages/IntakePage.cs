namespace CaseManager.Web.AcceptanceTests.Pages;

/// <summary>The information collection form (client portal or consultant view: same fields).</summary>
public sealed class IntakePage(IPage page) : BasePage(page)
{
    public ILocator Status => Page.Locator("[data-testid=intake-status]");

    public ILocator RansomwareBlock => Page.Locator("#intake-ransomware");

    public ILocator Field(string name) => Page.Locator($"[name='{name}']");

    public Task FillAsync(string name, string value) => Field(name).FillAsync(value);

    public Task SelectAsync(string name, string value) => Field(name).SelectOptionAsync(value);

    public Task TickSymptomAsync(string kind) => Page.Locator($"input[data-symptom='{kind}']").CheckAsync();

    public Task TickActionAsync(string kind) => Page.Locator($"input[name='Input.Data.Actions.Kinds'][value='{kind}']").CheckAsync();

    public Task SubmitAsync() => SubmitAndFollowRedirectAsync(() => Page.ClickAsync("#intake-form button.primary"));

    /// <summary>The row index of a symptom in the form (rows are in enum order).</summary>
    public async Task<string> SymptomRowAsync(string kind)
    {
        var name = await Page.Locator($"input[data-symptom='{kind}']").GetAttributeAsync("name") ?? throw new InvalidOperationException($"No symptom {kind}");
        return name[..name.IndexOf(".Checked", StringComparison.Ordinal)];
    }
}
