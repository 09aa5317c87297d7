using CaseManager.Web.Pages.Shared.Remediation;

namespace CaseManager.Web.Pages.Portal.Remediation;

/// <summary>The client's view of a case's remediation: only the items assigned to their organisation, which they update and attach proofs to.</summary>
public sealed class IndexModel(ISender sender) : RemediationPageModel(sender);
