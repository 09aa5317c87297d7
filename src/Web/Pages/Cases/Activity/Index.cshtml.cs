using CaseManager.Application.Activity.Queries.GetCaseActivity;

namespace CaseManager.Web.Pages.Cases.Activity;

/// <summary>Who did what on the case, newest first.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IReadOnlyList<ActivityItemDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await sender.Send(new GetCaseActivityQuery(Id), cancellationToken);
}
