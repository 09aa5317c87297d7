using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetResultTable;

namespace CaseManager.Web.Pages.Shared.Results;

/// <summary>
/// An evidence page whose lower half is one of its run's result tables, with unprefixed parameters (<c>table</c>, <c>q</c>,
/// <c>sort</c>, <c>desc</c>, <c>p</c>): the traffic and triage pages.
/// </summary>
public abstract class ResultTablePageModel : PageModel
{
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

    public ResultTableView Results { get; protected set; } = null!;

    /// <summary>The requested table, else <paramref name="preferred"/> when the run has it, else the run's first.</summary>
    protected static string? ChooseTable(IReadOnlyList<ResultTableTabDto> tabs, string? requested, string? preferred) =>
        requested ?? (tabs.Any(t => t.Name == preferred) ? preferred : tabs.FirstOrDefault()?.Name);

    /// <summary>
    /// One page of a result table. A page, sort column or filter the store refuses makes this page a 400 with the store's
    /// message above the table (never a 500); the page's other parts still render.
    /// </summary>
    protected Task<(ResultTableDto? Page, string? Error)> LoadTableAsync(ISender sender, GetResultTableQuery query, CancellationToken cancellationToken) =>
        LoadTableAsync(this, sender, query, cancellationToken);

    /// <summary>The same for a page with its own parameter names (the memory page's are prefixed).</summary>
    public static async Task<(ResultTableDto? Page, string? Error)> LoadTableAsync(
        PageModel page, ISender sender, GetResultTableQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return (await sender.Send(query, cancellationToken), null);
        }
        catch (ResultQueryException ex)
        {
            page.ModelState.AddModelError(string.Empty, ex.Message);
            page.Response.StatusCode = StatusCodes.Status400BadRequest;
            return (null, ex.Message);
        }
    }
}
