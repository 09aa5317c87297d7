using CaseManager.Application.Intake.Queries.GetIntakeHistory;

namespace CaseManager.Web.Pages.Cases.Intake;

public sealed class HistoryModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public IReadOnlyList<IntakeVersionDto> Versions { get; private set; } = [];

    public IReadOnlyList<IntakeChangeDto>? Changes { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Versions = await sender.Send(new ListIntakeVersionsQuery(Id), cancellationToken);
        if (Versions.Count >= 2)
        {
            To ??= Versions[0].Number;
            From ??= Versions[1].Number;
        }

        if (From is { } from && To is { } to)
        {
            Changes = await sender.Send(new GetIntakeDiffQuery(Id, from, to), cancellationToken);
        }
    }
}
