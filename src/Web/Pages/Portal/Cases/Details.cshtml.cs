using CaseManager.Application.Messages.Commands.PostCaseMessage;
using CaseManager.Application.Messages.Queries.ListCaseMessages;
using CaseManager.Application.Portal.Queries.GetMyCaseOverview;
using CaseManager.Domain.Cases;
using CaseManager.Web.Pages.Shared.Messages;

namespace CaseManager.Web.Pages.Portal.Cases;

/// <summary>The client's case page: the phase and what it means, what is asked of the client, and the message thread.</summary>
public sealed class DetailsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public MyCaseOverviewDto Overview { get; private set; } = null!;

    public ThreadModel Thread { get; private set; } = null!;

    /// <summary>The case's published reports (never drafts or retracted versions).</summary>
    public CaseManager.Application.Reports.Queries.ListReports.CaseReportsView Reports { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostMessageAsync(string? messageBody, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new PostCaseMessageCommand(Id, messageBody ?? string.Empty), cancellationToken);
            TempData["Flash"] = "Message sent.";
            return Redirect($"/Portal/Cases/Details/{Id}#messages");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(new ValidationException("MessageBody", ex.Errors.Values.SelectMany(m => m).First()), string.Empty);
            await LoadAsync(messageBody, cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(string? draft, CancellationToken cancellationToken)
    {
        Overview = await sender.Send(new GetMyCaseOverviewQuery(Id), cancellationToken);
        var messages = await sender.Send(new ListCaseMessagesQuery(Id), cancellationToken);
        Thread = new ThreadModel(messages, Overview.Case.Phase != CasePhase.Closed, ForClient: true, draft);
        Reports = await sender.Send(new CaseManager.Application.Reports.Queries.ListReports.ListReportsQuery(Id), cancellationToken);
    }
}
