using CaseManager.Application.Intake.Queries.GetIntake;
using CaseManager.Domain.Intake;

namespace CaseManager.Web.Pages.Cases.Intake;

public sealed class PrintModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IntakeDto Intake { get; private set; } = null!;

    public IntakeInternal Internal { get; private set; } = IntakeInternal.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Intake = await sender.Send(new GetIntakeQuery(Id), cancellationToken);
        Internal = await sender.Send(new GetIntakeInternalQuery(Id), cancellationToken);
    }
}
