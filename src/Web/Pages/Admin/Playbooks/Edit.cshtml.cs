using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Remediation.Queries;
using CaseManager.Domain.Remediation;

namespace CaseManager.Web.Pages.Admin.Playbooks;

/// <summary>
/// Edits a type's playbook: each step's stage, order, key and English and Chinese text; steps can be removed and added.
/// Saving adds a new version (cases keep the version they were given) and says so; a refused edit shows the rows as typed.
/// </summary>
public sealed class EditModel(ISender sender) : PageModel
{
    /// <summary>Blank rows offered for new steps.</summary>
    public const int NewRows = 3;

    [BindProperty(SupportsGet = true)]
    public string Type { get; set; } = string.Empty;

    /// <summary>After a save: the version saved and how many cases keep an earlier version.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Saved { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Kept { get; set; }

    [BindProperty]
    public int BasedOnVersion { get; set; }

    [BindProperty]
    public List<StepRow> Rows { get; set; } = [];

    public PlaybookDto Playbook { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Playbook = await sender.Send(new GetPlaybookQuery(Type), cancellationToken);
        BasedOnVersion = Playbook.CurrentVersion;
        Rows = Playbook.Steps.Select((s, i) => new StepRow { Key = s.Key, Stage = s.Stage, Order = (i + 1) * 10, En = s.En, Zh = s.Zh }).ToList();
        Rows.AddRange(Enumerable.Range(0, NewRows).Select(_ => new StepRow()));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Playbook = await sender.Send(new GetPlaybookQuery(Type), cancellationToken);
        var steps = Rows
            .Select((row, index) => (row, index))
            .Where(r => !r.row.Remove && !(string.IsNullOrWhiteSpace(r.row.En) && string.IsNullOrWhiteSpace(r.row.Zh) && string.IsNullOrWhiteSpace(r.row.Key)))
            .OrderBy(r => r.row.Order ?? int.MaxValue).ThenBy(r => r.index)
            .Select(r => new PlaybookStep(
                string.IsNullOrWhiteSpace(r.row.Key) ? $"step-{r.index + 1}" : r.row.Key.Trim(),
                r.row.Stage,
                r.row.En?.Trim() ?? string.Empty,
                r.row.Zh?.Trim() ?? string.Empty))
            .ToList();
        try
        {
            var edited = await sender.Send(new EditPlaybookCommand(Playbook.Type, BasedOnVersion, steps), cancellationToken);
            return RedirectToPage(new { type = Type, saved = edited.Version, kept = edited.CasesOnOlderVersions });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
            foreach (var message in ModelState.Where(e => e.Key.Length > 0).SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage)).ToList())
            {
                ModelState.AddModelError(string.Empty, message);
            }

            return Page();
        }
    }

    public sealed class StepRow
    {
        public string? Key { get; set; }

        public RemediationStage Stage { get; set; }

        public int? Order { get; set; }

        public string? En { get; set; }

        public string? Zh { get; set; }

        public bool Remove { get; set; }
    }
}
