using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Application.Evidence.Queries.GetTriageView;
using CaseManager.Web.Pages.Shared.Results;

namespace CaseManager.Web.Pages.Cases.Evidence;

/// <summary>
/// A host triage bundle's results: facts of the collection, the process tree (flagged processes highlighted, their branches
/// open; collapsible without script), failed logins over time and by source, and the tables (connections with their process
/// as TCPView shows them, processes, persistence, modules, accounts, failed logins, files) that findings link into.
/// </summary>
public sealed class TriageModel(ISender sender) : ResultTablePageModel
{
    public const string DefaultTable = "connections";

    public TriageViewDto View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await sender.Send(new GetTriageViewQuery(Id), cancellationToken);
        var table = ChooseTable(View.Tables, Table, DefaultTable);
        var (page, error) = await LoadTableAsync(sender, new GetResultTableQuery(Id, table, Q, Sort, Desc, PageNumber), cancellationToken);

        Results = new ResultTableView(View.Tables, page, table, Q, error, Id: "triage-table");
    }

    /// <summary>This page on <paramref name="table"/>, filtered to rows containing <paramref name="filter"/> (the table is below the tree).</summary>
    public string RowsUrl(string table, string filter) => $"?table={Uri.EscapeDataString(table)}&q={Uri.EscapeDataString(filter)}#triage-table";
}
