using CaseManager.Application.Portal.Queries.GetMyCase;
using CaseManager.Application.Portal.Queries.ListMyCases;

namespace CaseManager.Web.Pages.Portal.Cases;

public sealed class DetailsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public PortalCaseDto Case { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Case = await sender.Send(new GetMyCaseQuery(Id), cancellationToken);
}
