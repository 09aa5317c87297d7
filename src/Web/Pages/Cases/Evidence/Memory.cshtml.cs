using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Evidence.Queries.GetDumpStrings;
using CaseManager.Application.Evidence.Queries.GetMemoryView;

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

    public MemoryViewDto View { get; private set; } = null!;

    public DumpStringsDto Strings { get; private set; } = null!;

    public string PageUrl(int page) => $"?q={Uri.EscapeDataString(Q ?? string.Empty)}&enc={Enc}&p={page}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await sender.Send(new GetMemoryViewQuery(Id), cancellationToken);
        Strings = await sender.Send(new GetDumpStringsQuery(Id, Q, Enc, Page: PageNumber), cancellationToken);
    }
}
