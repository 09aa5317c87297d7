using System.Globalization;
using System.Text;
using System.Text.Json;
using CaseManager.Application.Timeline;
using CaseManager.Application.Timeline.Commands.AddTimelineEvent;
using CaseManager.Application.Timeline.Commands.RemoveTimelineEvent;
using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.Cases;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Cases.Timeline;

/// <summary>The case timeline: a chart of every dated item by lane, the filterable table, CSV export and manual events.</summary>
public sealed class IndexModel(ISender sender, IStringLocalizer<SharedResource> localizer, CaseManager.Application.Audit.IAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public TimelineLane? Lane { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Host { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty]
    public EventForm Input { get; set; } = new();

    public CaseTimelineDto Timeline { get; private set; } = null!;

    /// <summary>The chart's data (JSON in a data attribute; the page has no inline script).</summary>
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var timeline = await sender.Send(Query(), cancellationToken);
        var csv = TimelineCsv.Write(timeline, KindLabel);
        await audit.RecordAsync(CaseManager.Domain.Audit.AuditEventTypes.Exported, $"case:{Id}", $"timeline export, {timeline.Items.Count} entries, CSV", cancellationToken);
        return File(new UTF8Encoding(true).GetBytes(csv), "text/csv; charset=utf-8", $"{timeline.CaseNumber}-timeline.csv");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new AddTimelineEventCommand(Id, DateInput.ToUtc(Input.OccurredAt), Input.Host, Input.Description, Input.Tactic), cancellationToken);
            TempData["Flash"] = "Timeline event added.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, nameof(Input));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await sender.Send(new RemoveTimelineEventCommand(Id, eventId), cancellationToken);
        TempData["Flash"] = "Timeline event removed.";
        return RedirectToPage(new { id = Id });
    }

    public string KindLabel(TimelineItemDto item) => item.Kind switch
    {
        TimelineItemKind.PhaseChanged when item.Value is not null => string.Format(CultureInfo.CurrentCulture, localizer["Phase changed to {0}"], localizer[item.Value]),
        TimelineItemKind.Classified when item.Value is not null => string.Format(CultureInfo.CurrentCulture, localizer["Timeline.Classified"], localizer["IncidentType." + item.Value]),
        _ => localizer["TimelineKind." + item.Kind],
    };

    public string LaneLabel(TimelineLane lane) => localizer["TimelineLane." + lane];

    public string? TacticLabel(AttackTactic? tactic) => tactic is { } t ? localizer["Tactic." + t].Value : null;

    private GetCaseTimelineQuery Query() => new(Id, Lane, Host, Q, DateInput.ToUtc(From), DateInput.ToUtc(To));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Timeline = await sender.Send(Query(), cancellationToken);
        var lanes = Enum.GetValues<TimelineLane>();
        ChartJson = JsonSerializer.Serialize(new
        {
            lanes = lanes.Select(LaneLabel).ToArray(),
            items = Timeline.Items.Select(i => new
            {
                t = i.At.ToUnixTimeMilliseconds(),
                at = i.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
                lane = (int)i.Lane,
                kind = KindLabel(i),
                text = i.Text,
                host = i.Host,
                tactic = TacticLabel(i.Tactic),
            }),
            noData = localizer["Nothing on the timeline matches."].Value,
        });
    }

    public sealed class EventForm
    {
        public DateTime? OccurredAt { get; set; }

        public string? Host { get; set; }

        public string? Description { get; set; }

        public AttackTactic? Tactic { get; set; }
    }
}
