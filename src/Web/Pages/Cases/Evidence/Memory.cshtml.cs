using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Evidence.Queries.GetDumpStrings;
using CaseManager.Application.Evidence.Queries.GetMemoryView;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Web.Pages.Shared.Results;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class MemoryModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public StringEncoding Enc { get; set; } = StringEncoding.Both;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The result table shown (mapped files, modules, threads); its parameters carry a <c>t</c> prefix.</summary>
    [BindProperty(SupportsGet = true, Name = "ttable")]
    public string? Table { get; set; }

    [BindProperty(SupportsGet = true, Name = "tq")]
    public string? TableFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "tsort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "tdesc")]
    public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "tp")]
    public int TablePage { get; set; } = 1;

    public MemoryViewDto View { get; private set; } = null!;

    public ResultTableView Results { get; private set; } = null!;

    public DumpStringsDto Strings { get; private set; } = null!;

    public string PageUrl(int page) =>
        $"?q={Uri.EscapeDataString(Q ?? string.Empty)}&enc={Enc}&p={page}&ttable={Uri.EscapeDataString(Table ?? string.Empty)}&tq={Uri.EscapeDataString(TableFilter ?? string.Empty)}&tsort={Uri.EscapeDataString(Sort ?? string.Empty)}&tdesc={Desc}&tp={TablePage}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await sender.Send(new GetMemoryViewQuery(Id), cancellationToken);
        var table = Table ?? View.Tables.FirstOrDefault()?.Name;
        var (page, error) = table is null
            ? (null, null)
            : await ResultTablePageModel.LoadTableAsync(this, sender, new GetResultTableQuery(Id, table, TableFilter, Sort, Desc, TablePage), cancellationToken);

        Results = new ResultTableView(
            View.Tables, page, table, TableFilter, error, Id: "memory-table", Prefix: "t",
            Keep: new Dictionary<string, string?> { ["q"] = Q, ["enc"] = Enc == StringEncoding.Both ? null : Enc.ToString() });
        Strings = await sender.Send(new GetDumpStringsQuery(Id, Q, Enc, Page: PageNumber), cancellationToken);
    }
}
