using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Application.Evidence.Queries.GetTrafficView;
using CaseManager.Web.Pages.Shared.Results;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class TrafficModel(ISender sender) : PageModel
{
    public const string DefaultTable = "conversations";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Table { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>One exact IP address (a top talker's bar): rows where it is an endpoint, never a longer address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Host { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public TrafficViewDto View { get; private set; } = null!;

    public ResultTableView Results { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await sender.Send(new GetTrafficViewQuery(Id), cancellationToken);
        var table = Table ?? (View.Tables.Any(t => t.Name == DefaultTable) ? DefaultTable : View.Tables.FirstOrDefault()?.Name);
        ResultTableDto? page = null;
        string? error = null;
        try
        {
            page = await sender.Send(new GetResultTableQuery(Id, table, Q, Sort, Desc, PageNumber, Host: Host), cancellationToken);
        }
        catch (ResultQueryException ex)
        {
            error = ex.Message;
            ModelState.AddModelError(string.Empty, ex.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Results = new ResultTableView(
            View.Tables, page, table, Q, error, Id: "traffic-table",
            Keep: string.IsNullOrWhiteSpace(Host) ? null : new Dictionary<string, string?> { ["host"] = Host.Trim() },
            RowLink: (t, row) => t.Table == "irc" && t.Cell(row, "stream") is long stream ? $"/Cases/Evidence/Transcript/{Id}?stream={stream}" : null,
            RowLinkText: "Transcript");
    }
}
