using CaseManager.Application.Reports;
using CaseManager.Application.Reports.Commands.ApproveReport;
using CaseManager.Application.Reports.Commands.GenerateReportDraft;
using CaseManager.Application.Reports.Commands.RegenerateReportDraft;
using CaseManager.Application.Reports.Commands.RetractReport;
using CaseManager.Application.Reports.Commands.ReturnReport;
using CaseManager.Application.Reports.Commands.SubmitReportForReview;
using CaseManager.Application.Reports.Commands.UpdateReportNarrative;
using CaseManager.Application.Reports.Queries.ListReports;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Cases.Reports;

/// <summary>
/// The case's report versions and their review (issue 14): generate a draft in a language, edit its narrative,
/// regenerate, submit, approve (not one's own) or return with comments, retract with a reason; downloads and their log.
/// </summary>
public sealed class IndexModel(ISender sender, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? ExecutiveSummary { get; set; }

    [BindProperty]
    public string? Recommendations { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public CaseReportsView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await sender.Send(new ListReportsQuery(Id), cancellationToken);

    public Task<IActionResult> OnPostGenerateAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new GenerateReportDraftCommand(Id, Language, ExecutiveSummary, Recommendations), cancellationToken).AsTask(), "Draft generated.", cancellationToken);

    public Task<IActionResult> OnPostNarrativeAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new UpdateReportNarrativeCommand(Id, Version, ExecutiveSummary, Recommendations), cancellationToken).AsTask(), "Narrative saved and draft regenerated.", cancellationToken);

    public Task<IActionResult> OnPostRegenerateAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new RegenerateReportDraftCommand(Id, Version, Language), cancellationToken).AsTask(), "Draft regenerated.", cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new SubmitReportForReviewCommand(Id, Version), cancellationToken).AsTask(), "Submitted for review.", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new ApproveReportCommand(Id, Version), cancellationToken).AsTask(), "Report approved and published.", cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new ReturnReportCommand(Id, Version, Text ?? string.Empty), cancellationToken).AsTask(), "Report returned to its author.", cancellationToken);

    public Task<IActionResult> OnPostRetractAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new RetractReportCommand(Id, Version, Text ?? string.Empty), cancellationToken).AsTask(), "Report retracted.", cancellationToken);

    private async Task<IActionResult> RunAsync(Func<Task> action, string flash, CancellationToken cancellationToken)
    {
        try
        {
            await action();
            TempData["Flash"] = flash;
            return Redirect($"/Cases/Reports/Index/{Id}");
        }
        catch (ValidationException ex)
        {
            foreach (var message in ex.Errors.Values.SelectMany(m => m).Distinct())
            {
                ModelState.AddModelError(string.Empty, localizer[message]);
            }
        }
        catch (ReportFileUnavailableException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }

        View = await sender.Send(new ListReportsQuery(Id), cancellationToken);
        return Page();
    }
}
