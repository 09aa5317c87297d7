using CaseManager.Application.Evidence.Queries.GetTrafficView;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class TranscriptModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Stream { get; set; }

    public IrcTranscriptDto Transcript { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Transcript = await sender.Send(new GetIrcTranscriptQuery(Id, Stream), cancellationToken);
}
