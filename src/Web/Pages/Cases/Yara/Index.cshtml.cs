using CaseManager.Application.Yara.Commands.EnableRuleSet;
using CaseManager.Application.Yara.Commands.RescanCaseEvidence;
using CaseManager.Application.Yara.Queries.ListRuleSets;
using CaseManager.Domain.Evidence;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Cases.Yara;

/// <summary>
/// A case's YARA rules: its own rule sets, the global ones that also apply, and "rescan this case's evidence" with
/// the scan progress of each item (the page refreshes itself while scans are queued or running).
/// </summary>
public sealed class IndexModel(ISender sender, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public YaraRuleSetsDto Sets { get; private set; } = new(null, null, [], [], []);

    public bool Scanning => Sets.Evidence.Any(e => e.Status is AnalysisStatus.Queued or AnalysisStatus.Running);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sets = await sender.Send(new ListYaraRuleSetsQuery(Id), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(Guid setId, bool enabled, CancellationToken cancellationToken)
    {
        await sender.Send(new EnableYaraRuleSetCommand(setId, Id, enabled), cancellationToken);
        TempData["Flash"] = enabled ? localizer["Rule set enabled."].Value : localizer["Rule set disabled."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRescanAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RescanCaseEvidenceCommand(Id), cancellationToken);
        TempData["Flash"] = localizer["Rescan queued for {0} item(s); {1} already queued or running.", result.Queued, result.AlreadyQueued].Value;
        return RedirectToPage(new { id = Id });
    }
}
