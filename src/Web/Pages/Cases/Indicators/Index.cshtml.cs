using CaseManager.Application.Indicators.Commands.AddManualIndicator;
using CaseManager.Application.Indicators.Commands.UpdateIndicators;
using CaseManager.Application.Indicators.Queries.GetIndicators;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;

namespace CaseManager.Web.Pages.Cases.Indicators;

/// <summary>The case's IOC register: filter, bulk assessment, manual indicators and exports.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public IndicatorType? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public IndicatorStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>Also list the ordinary context (folded away by default).</summary>
    [BindProperty(SupportsGet = true, Name = "all")]
    public bool All { get; set; }

    [BindProperty]
    public BulkForm Bulk { get; set; } = new();

    [BindProperty]
    public ManualForm Manual { get; set; } = new();

    public IndicatorRegisterDto Register { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Manual.Tlp = Register.CaseTlp;
    }

    public async Task<IActionResult> OnPostBulkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(
                new UpdateIndicatorsCommand(Id, Bulk.Keys, Bulk.Status, Bulk.Tlp, Bulk.AddTags, Bulk.RemoveTag, string.IsNullOrWhiteSpace(Bulk.Note) ? null : Bulk.Note),
                cancellationToken);
            TempData["Flash"] = "Indicators updated.";
            return RedirectToPage(new { id = Id, type = Type, status = Status, q = Search, all = All ? true : (bool?)null });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Bulk));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostManualAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(
                new AddManualIndicatorCommand(Id, Manual.Type, Manual.Value ?? string.Empty, Manual.Status, Manual.Tlp, Manual.Tags, Manual.Note, DateInput.ToUtc(Manual.SeenAt)),
                cancellationToken);
            TempData["Flash"] = "Indicator added.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Manual));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Register = await sender.Send(new GetIndicatorsQuery(Id, All, Type, Status, Search), cancellationToken);

    public sealed class BulkForm
    {
        public List<string> Keys { get; set; } = [];

        public IndicatorStatus? Status { get; set; }

        public TrafficLightProtocol? Tlp { get; set; }

        public string? AddTags { get; set; }

        public string? RemoveTag { get; set; }

        public string? Note { get; set; }
    }

    public sealed class ManualForm
    {
        public IndicatorType Type { get; set; }

        public string? Value { get; set; }

        public IndicatorStatus Status { get; set; }

        public TrafficLightProtocol Tlp { get; set; }

        public string? Tags { get; set; }

        public string? Note { get; set; }

        public DateTime? SeenAt { get; set; }
    }
}
