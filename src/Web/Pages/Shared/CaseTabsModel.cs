namespace CaseManager.Web.Pages.Shared;

/// <summary>The case tab bar (<c>_CaseTabs</c>): which case, which tab is current, and staff or portal links.</summary>
public sealed record CaseTabsModel(Guid CaseId, string Current, bool Portal = false)
{
    public const string Overview = "overview";
    public const string Intake = "intake";
    public const string Evidence = "evidence";
    public const string History = "history";
    public const string Print = "print";
    public const string Classification = "classification";
    public const string Indicators = "indicators";
    public const string Remediation = "remediation";
}
