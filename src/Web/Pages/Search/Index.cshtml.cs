using CaseManager.Application.Search.Queries.SearchCases;
using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CaseManager.Web.Pages.Search;

/// <summary>The header box's results: cases found by number, title, client, intake host/IP or indicator value, with what matched.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public SearchResultDto? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Result = await sender.Send(new SearchCasesQuery(Q), cancellationToken);
        }
    }
}
