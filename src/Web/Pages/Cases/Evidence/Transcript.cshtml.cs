using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetIrcTranscript;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class TranscriptModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public long Stream { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IrcTranscriptDto? Transcript { get; private set; }

    public string PageUrl(int page) => $"?stream={Stream}&p={page}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Transcript = await sender.Send(new GetIrcTranscriptQuery(Id, Stream, PageNumber), cancellationToken);
        }
        catch (ResultQueryException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
