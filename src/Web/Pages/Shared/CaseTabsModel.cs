namespace CaseManager.Web.Pages.Shared;

/// <summary>
/// The case tab bar (<c>_CaseTabs</c>): which case, which tab is current, staff or portal links, and an optional trail
/// of deeper pages under the current tab (an evidence item, its analysis view) shown right after the tabs.
/// </summary>
public sealed record CaseTabsModel(Guid CaseId, string Current, bool Portal = false)
{
    public const string Overview = "overview";
    public const string Intake = "intake";
    public const string Evidence = "evidence";
    public const string History = "history";
    public const string Print = "print";
    public const string Yara = "yara";
    public const string Classification = "classification";
    public const string Indicators = "indicators";
    public const string Remediation = "remediation";
    public const string Timeline = "timeline";
    public const string Notes = "notes";
    public const string Activity = "activity";
    public const string Reports = "reports";

    /// <summary>Deeper pages under the current tab, outermost first; the last one is the page shown.</summary>
    public IReadOnlyList<(string Url, string Label)> Trail { get; init; } = [];
}
