using CaseManager.Application.Intake.Queries.GetIntake;

namespace CaseManager.Web.Pages.Portal.Intake;

public sealed class PrintModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IntakeDto Intake { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Intake = await sender.Send(new GetIntakeQuery(Id), cancellationToken);
}
