using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Application.Evidence.Queries.GetTrafficView;
using CaseManager.Web.Pages.Shared.Results;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class TrafficModel(ISender sender) : ResultTablePageModel
{
    public const string DefaultTable = "conversations";

    /// <summary>One exact IP address (a top talker's bar): rows where it is an endpoint, never a longer address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Host { get; set; }

    public TrafficViewDto View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await sender.Send(new GetTrafficViewQuery(Id), cancellationToken);
        var table = ChooseTable(View.Tables, Table, DefaultTable);
        var (page, error) = await LoadTableAsync(sender, new GetResultTableQuery(Id, table, Q, Sort, Desc, PageNumber, Host: Host), cancellationToken);

        Results = new ResultTableView(
            View.Tables, page, table, Q, error, Id: "traffic-table",
            Keep: string.IsNullOrWhiteSpace(Host) ? null : new Dictionary<string, string?> { ["host"] = Host.Trim() },
            RowLink: (t, row) => t.Table == "irc" && t.Cell(row, "stream") is long stream ? $"/Cases/Evidence/Transcript/{Id}?stream={stream}" : null,
            RowLinkText: "Transcript");
    }
}
