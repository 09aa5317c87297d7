using CaseManager.Application.Administration.Queries.ListStaff;
using CaseManager.Application.Cases.Commands.AllowClientUploads;
using CaseManager.Application.Cases.Commands.AssignConsultant;
using CaseManager.Application.Cases.Commands.ChangeCasePhase;
using CaseManager.Application.Cases.Commands.UnassignConsultant;
using CaseManager.Application.Cases.Queries.GetCaseAnalysis;
using CaseManager.Application.Cases.Queries.GetCaseDetails;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Application.Messages.Commands.MarkCaseSeen;
using CaseManager.Application.Messages.Commands.PostCaseMessage;
using CaseManager.Application.Messages.Queries.ListCaseMessages;
using CaseManager.Domain.Cases;
using CaseManager.Web.Pages.Shared.Messages;

namespace CaseManager.Web.Pages.Cases;

public sealed class DetailsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CaseDetailsDto Case { get; private set; } = null!;

    public IReadOnlyList<UserSummary> Staff { get; private set; } = [];

    public CaseAnalysisDto Analysis { get; private set; } = null!;

    public ThreadModel Thread { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await sender.Send(new MarkCaseSeenCommand(Id), cancellationToken);
    }

    public async Task<IActionResult> OnPostMessageAsync(string? messageBody, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new PostCaseMessageCommand(Id, messageBody ?? string.Empty), cancellationToken);
            TempData["Flash"] = "Message sent.";
            return Redirect($"/Cases/Details/{Id}#messages");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(new ValidationException("MessageBody", ex.Errors.Values.SelectMany(m => m).First()), string.Empty);
            await LoadAsync(cancellationToken, messageBody);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostPhaseAsync(CasePhase phaseTo, string? phaseComment, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new ChangeCasePhaseCommand(Id, phaseTo, phaseComment), cancellationToken);
            TempData["Flash"] = "Phase changed.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(new ValidationException("PhaseTo", ex.Errors.Values.SelectMany(m => m).First()), string.Empty);

            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostAssignAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new AssignConsultantCommand(Id, userId), cancellationToken);
            TempData["Flash"] = "Consultant assigned.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(new ValidationException("UserId", ex.Errors.Values.SelectMany(m => m).First()), string.Empty);

            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostClientUploadsAsync(bool allowed, CancellationToken cancellationToken)
    {
        await sender.Send(new AllowClientUploadsCommand(Id, allowed), cancellationToken);
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUnassignAsync(string userId, CancellationToken cancellationToken)
    {
        await sender.Send(new UnassignConsultantCommand(Id, userId), cancellationToken);
        return RedirectToPage(new { id = Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken, string? draft = null)
    {
        Case = await sender.Send(new GetCaseDetailsQuery(Id), cancellationToken);
        Staff = await sender.Send(new ListStaffQuery(), cancellationToken);
        Analysis = await sender.Send(new GetCaseAnalysisQuery(Id), cancellationToken);
        Thread = new ThreadModel(await sender.Send(new ListCaseMessagesQuery(Id), cancellationToken), Case.Phase != CasePhase.Closed, ForClient: false, draft);
    }
}
