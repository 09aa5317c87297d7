using CaseManager.Application.Reports.Queries.ListReports;

namespace CaseManager.Web.Pages.Portal.Reports;

/// <summary>The client's view of a case's reports: published versions only, with their SHA-256 and downloads.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CaseReportsView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await sender.Send(new ListReportsQuery(Id), cancellationToken);
}
