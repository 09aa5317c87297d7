using CaseManager.Application.Evidence.Queries.GetTrafficView;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class TrafficModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public TrafficTable Table { get; set; } = TrafficTable.Conversations;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Sort { get; set; } = -1;

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public TrafficViewDto View { get; private set; } = null!;

    public string PageUrl(int page) =>
        $"?table={Table}&q={Uri.EscapeDataString(Q ?? string.Empty)}&sort={Sort}&desc={Desc}&p={page}";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await sender.Send(new GetTrafficViewQuery(Id, Table, Q, Sort, Desc, PageNumber), cancellationToken);
}
