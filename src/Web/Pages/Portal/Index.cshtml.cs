using CaseManager.Application.Common.Models;
using CaseManager.Application.Portal.Queries.ListMyCases;

namespace CaseManager.Web.Pages.Portal;

public sealed class IndexModel(ISender sender) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<PortalCaseDto> Cases { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cases = await sender.Send(new ListMyCasesQuery(PageNumber, PageSize), cancellationToken);

    public string PageUrl(int page) => page <= 1 ? "/Portal" : $"/Portal?p={page}";
}
