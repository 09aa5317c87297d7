using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Application.Intake.Queries.GetIntake;
using CaseManager.Domain.Intake;

namespace CaseManager.Web.Pages.Shared.Intake;

/// <summary>The intake editor, for consultants (with the consultant-only fields) and for client users (without).</summary>
public abstract class IntakeEditorPageModel(ISender sender, bool staff) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public IntakeFormModel Input { get; set; } = new();

    public IntakeDto Intake { get; private set; } = null!;

    public bool ShowInternal => staff;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Intake = await sender.Send(new GetIntakeQuery(Id), cancellationToken);
        var @internal = staff ? await sender.Send(new GetIntakeInternalQuery(Id), cancellationToken) : null;
        Input = IntakeFormModel.From(Intake.Data, @internal);
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => SaveAsync(submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) => SaveAsync(submit: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(bool submit, CancellationToken cancellationToken)
    {
        try
        {
            var version = await sender.Send(new SaveIntakeCommand(Id, Input.ToData(), staff ? Input.ToInternal() : null, submit), cancellationToken);
            TempData["Flash"] = submit ? "Intake submitted." : "Intake saved.";
            TempData["FlashVersion"] = version;
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            Intake = await sender.Send(new GetIntakeQuery(Id), cancellationToken);
            Input.EnsureBlankRows();
            return Page();
        }
    }

    public bool IsSubmitted => Intake.Status == IntakeStatus.Submitted;
}
