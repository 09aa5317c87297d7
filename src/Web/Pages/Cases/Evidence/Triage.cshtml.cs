using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Application.Evidence.Queries.GetTriageView;
using CaseManager.Web.Pages.Shared.Results;

namespace CaseManager.Web.Pages.Cases.Evidence;

/// <summary>
/// A host triage bundle's results: facts of the collection, the process tree (flagged processes highlighted, their branches
/// open; collapsible without script), failed logins over time and by source, and the tables (connections with their process
/// as TCPView shows them, processes, persistence, modules, accounts, failed logins, files) that findings link into.
/// </summary>
public sealed class TriageModel(ISender sender) : PageModel
{
    public const string DefaultTable = "connections";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Table { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public TriageViewDto View { get; private set; } = null!;

    public ResultTableView Results { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await sender.Send(new GetTriageViewQuery(Id), cancellationToken);
        var table = Table ?? (View.Tables.Any(t => t.Name == DefaultTable) ? DefaultTable : View.Tables.FirstOrDefault()?.Name);
        ResultTableDto? page = null;
        string? error = null;
        try
        {
            page = await sender.Send(new GetResultTableQuery(Id, table, Q, Sort, Desc, PageNumber), cancellationToken);
        }
        catch (ResultQueryException ex)
        {
            error = ex.Message;
            ModelState.AddModelError(string.Empty, ex.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Results = new ResultTableView(View.Tables, page, table, Q, error, Id: "triage-table");
    }

    /// <summary>This page on <paramref name="table"/>, filtered to rows containing <paramref name="filter"/> (the table is below the tree).</summary>
    public string RowsUrl(string table, string filter) => $"?table={Uri.EscapeDataString(table)}&q={Uri.EscapeDataString(filter)}#triage-table";
}
