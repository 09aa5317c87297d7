using CaseManager.Application.Portal.Queries.ListMyEvidence;

namespace CaseManager.Web.Pages.Portal.Evidence;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public MyEvidenceDto Evidence { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Evidence = await sender.Send(new ListMyEvidenceQuery(Id), cancellationToken);
}
