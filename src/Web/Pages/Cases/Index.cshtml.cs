using CaseManager.Application.Cases.Queries.GetCaseDashboard;
using CaseManager.Application.Cases.Queries.ListCases;
using CaseManager.Application.Clients.Queries.ListClients;
using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using Microsoft.AspNetCore.WebUtilities;

namespace CaseManager.Web.Pages.Cases;

public sealed class IndexModel(ISender sender) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public Guid? ClientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public CasePhase? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public Severity? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public PagedList<CaseListItemDto> Cases { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<ClientListItemDto> Clients { get; private set; } = [];

    public CaseDashboardDto Dashboard { get; private set; } = new(0, []);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Cases = await sender.Send(new ListCasesQuery(PageNumber, PageSize, ClientId, Phase, Severity, Search), cancellationToken);
        Clients = await sender.Send(new ListClientsQuery(), cancellationToken);
        Dashboard = await sender.Send(new GetCaseDashboardQuery(), cancellationToken);
    }

    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ClientId"] = ClientId?.ToString(),
            ["Phase"] = Phase?.ToString(),
            ["Severity"] = Severity?.ToString(),
            ["Search"] = Search,
        };
        return QueryHelpers.AddQueryString("/Cases", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
