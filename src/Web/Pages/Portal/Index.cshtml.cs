using CaseManager.Application.Portal.Queries.ListMyCases;

namespace CaseManager.Web.Pages.Portal;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<PortalCaseDto> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Cases = await sender.Send(new ListMyCasesQuery(), cancellationToken);
}
