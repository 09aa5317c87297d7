using CaseManager.Application.Yara.Commands.AddStarterRuleSet;
using CaseManager.Application.Yara.Commands.EnableRuleSet;
using CaseManager.Application.Yara.Queries.ListRuleSets;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Admin.Yara;

/// <summary>Global YARA rule sets: list, enable or disable, add the starter set.</summary>
public sealed class IndexModel(ISender sender, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public YaraRuleSetsDto Sets { get; private set; } = new(null, null, [], [], []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sets = await sender.Send(new ListYaraRuleSetsQuery(null), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, bool enabled, CancellationToken cancellationToken)
    {
        await sender.Send(new EnableYaraRuleSetCommand(id, null, enabled), cancellationToken);
        TempData["Flash"] = enabled ? localizer["Rule set enabled."].Value : localizer["Rule set disabled."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostStarterAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new AddStarterYaraRuleSetCommand(), cancellationToken);
        TempData["Flash"] = localizer["The starter rules were added."].Value;
        return RedirectToPage();
    }
}
