using CaseManager.Application.Cases.Queries.GetCaseDetails;
using CaseManager.Application.Evidence.Queries.ListEvidence;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IReadOnlyList<EvidenceRowDto> Items { get; private set; } = [];

    /// <summary>False once the case is closed: no evidence can be added then.</summary>
    public bool UploadsOpen { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = await sender.Send(new ListEvidenceQuery(Id), cancellationToken);
        UploadsOpen = (await sender.Send(new GetCaseDetailsQuery(Id), cancellationToken)).Phase != CasePhase.Closed;
    }
}
