using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Timeline.Queries.GetCaseTimeline;

/// <summary>
/// A case's timeline: what the intake, the case record, its phase history, its evidence and their analyses say
/// happened when, plus the events consultants entered and the notes they wrote, oldest first, optionally filtered.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetCaseTimelineQuery(
    Guid CaseId,
    TimelineLane? Lane = null,
    string? Host = null,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null) : IQuery<CaseTimelineDto>;

/// <summary>The matching items (oldest first), how many there are before filtering, and every host an item names (for the filter).</summary>
public sealed record CaseTimelineDto(Guid CaseId, string CaseNumber, string Title, IReadOnlyList<TimelineItemDto> Items, int Total, IReadOnlyList<string> Hosts);

/// <summary>
/// One item, at a UTC time. Text is what happened as entered or derived (a file name, a comment, a process) and is
/// never translated; Value is a kind-specific value the page translates (a phase name); ManualId is set for manual
/// events (they can be removed); EvidenceId names the evidence item the entry comes from.
/// </summary>
public sealed record TimelineItemDto(
    DateTimeOffset At,
    TimelineLane Lane,
    TimelineItemKind Kind,
    string Text,
    string? Value,
    string? Host,
    AttackTactic? Tactic,
    string? By,
    Guid? ManualId,
    Guid? EvidenceId);

public sealed class GetCaseTimelineQueryHandler(IApplicationDbContext db) : IQueryHandler<GetCaseTimelineQuery, CaseTimelineDto>
{
    public async ValueTask<CaseTimelineDto> Handle(GetCaseTimelineQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking().Include(c => c.History).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        var items = new List<TimelineItemDto>();
        void Add(DateTimeOffset? at, TimelineLane lane, TimelineItemKind kind, string text, string? value = null, string? host = null,
            AttackTactic? tactic = null, string? by = null, Guid? manualId = null, Guid? evidenceId = null)
        {
            if (at is { } time)
            {
                items.Add(new TimelineItemDto(time.ToUniversalTime(), lane, kind, text, value, host, tactic, by, manualId, evidenceId));
            }
        }

        var intake = await db.Intakes.AsNoTracking().Where(i => i.CaseId == caseId)
            .Select(i => new { i.Data, i.SubmittedAt }).SingleOrDefaultAsync(cancellationToken);
        if (intake is not null)
        {
            var times = intake.Data.Timeline;
            var zone = times.TimeZone;
            Add(ClientTime(times.FirstNoticed, zone), TimelineLane.Intake, TimelineItemKind.FirstNoticed, zone ?? "UTC");
            Add(ClientTime(times.LastKnownGood, zone), TimelineLane.Intake, TimelineItemKind.LastKnownGood, zone ?? "UTC");
            Add(ClientTime(times.ClientActed, zone), TimelineLane.Intake, TimelineItemKind.ClientActed, zone ?? "UTC");
            Add(intake.SubmittedAt, TimelineLane.Intake, TimelineItemKind.IntakeSubmitted, string.Empty);
        }

        Add(incident.CreatedAt, TimelineLane.Case, TimelineItemKind.CaseOpened, incident.Number.Value, by: incident.CreatedBy);
        Add(incident.DetectedAt, TimelineLane.Case, TimelineItemKind.Detected, string.Empty);
        Add(incident.ReportedAt, TimelineLane.Case, TimelineItemKind.Reported, string.Empty);
        Add(incident.EngagedAt, TimelineLane.Case, TimelineItemKind.Engaged, string.Empty);
        foreach (var change in incident.History.Where(h => h.From is not null))
        {
            Add(change.ChangedAt, TimelineLane.Case, change.To == CasePhase.Closed ? TimelineItemKind.CaseClosed : TimelineItemKind.PhaseChanged,
                change.Comment ?? string.Empty, change.To.ToString(), by: change.ChangedBy);
        }

        var evidence = await db.Evidence.AsNoTracking().Where(e => e.CaseId == caseId)
            .Select(e => new { Id = e.Id.Value, e.OriginalName, e.CreatedAt, e.CreatedBy, e.AnalysedAt, e.AnalysisStatus, e.Analyser })
            .ToListAsync(cancellationToken);
        foreach (var item in evidence)
        {
            Add(item.CreatedAt, TimelineLane.Evidence, TimelineItemKind.EvidenceReceived, item.OriginalName, by: item.CreatedBy, evidenceId: item.Id);
            if (item.AnalysisStatus is AnalysisStatus.Succeeded or AnalysisStatus.SucceededWithWarnings)
            {
                Add(item.AnalysedAt, TimelineLane.Evidence, TimelineItemKind.EvidenceAnalysed, item.OriginalName, item.Analyser, evidenceId: item.Id);
            }
        }

        var entries = await db.Timeline.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.UnixNanoseconds).ToListAsync(cancellationToken);
        var remediation = entries.Any(e => e.Kind is TimelineEntryKind.RemediationDone or TimelineEntryKind.RemediationVerified or TimelineEntryKind.RemediationWontDo)
            ? await db.RemediationItems.AsNoTracking().Where(i => i.CaseId == caseId)
                .Select(i => new { i.TargetKey, i.TextEn, i.TextZh, i.Target, i.Action }).ToDictionaryAsync(i => i.TargetKey, StringComparer.Ordinal, cancellationToken)
            : [];
        var chinese = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (entry.Kind is TimelineEntryKind.RemediationDone or TimelineEntryKind.RemediationVerified or TimelineEntryKind.RemediationWontDo)
            {
                // Subject: the item's target key; the text is the item's, in the reader's language, with the reason or note.
                remediation.TryGetValue(entry.Subject, out var item);
                var what = item is null ? entry.Subject : item.Target ?? (chinese ? item.TextZh : item.TextEn) ?? entry.Subject;
                var kindOf = entry.Kind switch
                {
                    TimelineEntryKind.RemediationDone => TimelineItemKind.RemediationDone,
                    TimelineEntryKind.RemediationVerified => TimelineItemKind.RemediationVerified,
                    _ => TimelineItemKind.RemediationWontDo,
                };
                Add(entry.At, TimelineLane.Remediation, kindOf, entry.Detail is null ? what : $"{what} — {entry.Detail}", item?.Action, entry.Host, by: entry.By);
                continue;
            }

            if (entry.Kind is TimelineEntryKind.ReportPublished or TimelineEntryKind.ReportRetracted)
            {
                // Subject: "v2 (zh-CN)"; Detail: the retraction's reason.
                var reportKind = entry.Kind == TimelineEntryKind.ReportPublished ? TimelineItemKind.ReportPublished : TimelineItemKind.ReportRetracted;
                Add(entry.At, TimelineLane.Report, reportKind, entry.Detail is null ? entry.Subject : $"{entry.Subject} — {entry.Detail}", by: entry.By);
                continue;
            }

            if (entry.Kind == TimelineEntryKind.Classified)
            {
                // The type is shown by its translated name (value), so the text is the family alone; the bare subject stays
                // only for an unknown type.
                var (type, family) = Domain.Classification.IncidentTaxonomy.ParseSubject(entry.Subject);
                var text = type is null ? entry.Subject : family ?? string.Empty;
                Add(entry.At, TimelineLane.Case, TimelineItemKind.Classified, text, value: type?.ToString());
                continue;
            }

            var kind = entry.Kind switch
            {
                TimelineEntryKind.FirstTraffic => TimelineItemKind.FirstTraffic,
                TimelineEntryKind.LastTraffic => TimelineItemKind.LastTraffic,
                TimelineEntryKind.SampleCompiled => TimelineItemKind.SampleCompiled,
                TimelineEntryKind.TriageCollected => TimelineItemKind.TriageCollected,
                _ => TimelineItemKind.ProcessStarted,
            };
            Add(entry.At, TimelineLane.Analysis, kind, entry.Detail is null ? entry.Subject : $"{entry.Detail} — {entry.Subject}", host: entry.Host,
                evidenceId: entry.EvidenceId?.Value);
        }

        var manual = await db.TimelineEvents.AsNoTracking().Where(e => e.CaseId == caseId).ToListAsync(cancellationToken);
        foreach (var e in manual)
        {
            Add(e.OccurredAt, TimelineLane.Manual, TimelineItemKind.ManualEvent, e.Description, host: e.Host, tactic: e.Tactic, by: e.CreatedBy, manualId: e.Id);
        }

        var notes = await db.Notes.AsNoTracking().Where(n => n.CaseId == caseId)
            .Select(n => new { n.Id, n.Markdown, n.CreatedAt, n.CreatedBy }).ToListAsync(cancellationToken);
        foreach (var n in notes)
        {
            Add(n.CreatedAt, TimelineLane.Note, TimelineItemKind.NoteWritten, FirstLine(n.Markdown), by: n.CreatedBy);
        }

        var total = items.Count;
        var hosts = items.Select(i => i.Host).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        IEnumerable<TimelineItemDto> filtered = items;
        if (query.Lane is { } lane)
        {
            filtered = filtered.Where(i => i.Lane == lane);
        }

        if (!string.IsNullOrWhiteSpace(query.Host))
        {
            var host = query.Host.Trim();
            filtered = filtered.Where(i => string.Equals(i.Host, host, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            filtered = filtered.Where(i => i.Text.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (i.Host?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
                || (i.By?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        if (query.From is { } from)
        {
            filtered = filtered.Where(i => i.At >= from);
        }

        if (query.To is { } to)
        {
            filtered = filtered.Where(i => i.At <= to);
        }

        return new CaseTimelineDto(query.CaseId, incident.Number.Value, incident.Title,
            filtered.OrderBy(i => i.At).ThenBy(i => i.Lane).ToList(), total, hosts);
    }

    /// <summary>The first line of a note's Markdown, without heading marks, for the timeline.</summary>
    public static string FirstLine(string markdown)
    {
        var line = markdown.Split('\n', 2)[0].TrimStart('#', ' ', '>', '-', '*').Trim();
        return line.Length > 200 ? line[..199] + "…" : line;
    }

    /// <summary>A wall-clock time the client gave in their time zone (an IANA id), in UTC; UTC when the zone is unknown.</summary>
    public static DateTimeOffset? ClientTime(DateTime? local, string? timeZone)
    {
        if (local is not { } value)
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (!string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
        }

        return new DateTimeOffset(unspecified, TimeSpan.Zero);
    }
}
