using System.Text;
using CaseManager.Application.Yara.Commands.SaveRuleSet;
using CaseManager.Application.Yara.Queries.GetRuleSet;
using CaseManager.Application.Yara.Queries.ListRuleSets;
using CaseManager.Domain.Yara;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Admin.Yara;

/// <summary>
/// The rule-set editor shared by the admin (global) and case pages: paste or upload rules; the source is compiled on
/// save and refused with the compiler's message and line.
/// </summary>
public abstract class RuleSetEditor(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string Source { get; set; } = string.Empty;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public YaraRuleSetDetailsDto? Existing { get; private set; }

    /// <summary>The case whose rule set this is; null for a global one.</summary>
    protected abstract Guid? ScopeCaseId { get; }

    protected abstract IActionResult Saved(Guid id);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (ScopeCaseId is { } caseId)
        {
            // 404 for a case that does not exist (or that this user may not see).
            await sender.Send(new ListYaraRuleSetsQuery(caseId), cancellationToken);
        }

        if (Id is { } id)
        {
            Existing = await sender.Send(new GetYaraRuleSetQuery(id, ScopeCaseId), cancellationToken);
            Name = Existing.Name;
            Source = Existing.Source;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var source = Source;
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > YaraRuleSet.SourceMaxLength)
            {
                ModelState.AddModelError(nameof(Upload), L("The rule file is larger than 1 MiB."));
                return await PageAgainAsync(cancellationToken);
            }

            using var reader = new StreamReader(Upload.OpenReadStream(), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
            source = await reader.ReadToEndAsync(cancellationToken);
            Source = source;
            if (string.IsNullOrWhiteSpace(Name))
            {
                Name = Path.GetFileNameWithoutExtension(Upload.FileName);
            }
        }

        try
        {
            var id = await sender.Send(new SaveYaraRuleSetCommand(Id, ScopeCaseId, Name, source), cancellationToken);
            TempData["Flash"] = L("Rule set saved: it compiled.");
            return Saved(id);
        }
        catch (ValidationException ex)
        {
            foreach (var (property, messages) in ex.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(property, property == nameof(Source) ? L("The rules were not saved: {0}", message) : L(message));
                }
            }

            return await PageAgainAsync(cancellationToken);
        }
    }

    private async Task<IActionResult> PageAgainAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            Existing = await sender.Send(new GetYaraRuleSetQuery(id, ScopeCaseId), cancellationToken);
        }

        return Page();
    }

    private string L(string text, params object[] arguments) =>
        HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[text, arguments];
}
