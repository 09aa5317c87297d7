using CaseManager.Application.Cases.Queries.GetCaseDashboard;
using CaseManager.Application.Cases.Queries.ListCases;
using CaseManager.Application.Clients.Queries.ListClientNames;
using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
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

    /// <summary>An incident type name, or <see cref="CaseBreakdown.Unclassified"/> (the dashboard's type bars link here).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    public PagedList<CaseListItemDto> Cases { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<ClientNameDto> Clients { get; private set; } = [];

    public CaseDashboardDto Dashboard { get; private set; } = new(0, []);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var unclassified = string.Equals(Type, CaseBreakdown.Unclassified, StringComparison.Ordinal);
        IncidentType? type = !unclassified && Enum.TryParse<IncidentType>(Type, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (!unclassified && type is null)
        {
            Type = null; // an unknown type filters nothing, as an unknown phase does
        }

        Cases = await sender.Send(new ListCasesQuery(PageNumber, PageSize, ClientId, Phase, Severity, Search, type, unclassified), cancellationToken);
        Clients = await sender.Send(new ListClientNamesQuery(), cancellationToken);
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
            ["Type"] = Type,
        };
        return QueryHelpers.AddQueryString("/Cases", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
