using CaseManager.Application.Evidence.Queries.ListEvidence;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IReadOnlyList<EvidenceRowDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await sender.Send(new ListEvidenceQuery(Id), cancellationToken);
}
