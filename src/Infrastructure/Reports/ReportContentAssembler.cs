using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Classification;
using CaseManager.Application.Evidence;
using CaseManager.Application.Evidence.Queries.GetTrafficView;
using CaseManager.Application.Indicators;
using CaseManager.Application.Reports;
using CaseManager.Application.Timeline;
using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Remediation;

namespace CaseManager.Infrastructure.Reports;

/// <summary>
/// Reads a case through <see cref="IApplicationDbContext"/> (its tenant filter applies: staff run it) and writes the
/// report's content in the request's language: cover, executive summary, what happened (classification and its
/// signals, timeline, hosts), analysis per evidence item (findings with their references, traffic charts), confirmed
/// indicators, remediation per stage, recommendations and the appendices (evidence hashes and custody, every confirmed
/// indicator, method). Consultant-only material — notes, intake internals, phase comments — never enters a report.
/// </summary>
internal sealed class ReportContentAssembler(
    IApplicationDbContext db,
    FindingPresenter presenter,
    IAnalyserRegistry analysers,
    IAnalysisRunStore runs)
{
    public const int BodyIndicators = 15;
    public const int FindingsPerItem = 30;
    public const int TimelineRows = 80;

    public async Task<ReportDocument> AssembleAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var culture = CultureInfo.GetCultureInfo(request.Language == ReportLanguages.Chinese ? "zh-CN" : "en");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture; // FindingPresenter and the classification engine label in the UI culture
        try
        {
            return await BuildAsync(request, new ReportText(culture), cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private async Task<ReportDocument> BuildAsync(ReportRequest request, ReportText t, CancellationToken ct)
    {
        var caseId = request.CaseId;
        var incident = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct)
            ?? throw new NotFoundException(nameof(IncidentCase), caseId.Value);
        var clientName = await db.Clients.AsNoTracking().Where(c => c.Id == incident.ClientId).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? "—";
        var chinese = t.Culture.Name == "zh-CN";
        var evidence = await db.Evidence.AsNoTracking().Include(e => e.Custody).Where(e => e.CaseId == caseId)
            .OrderBy(e => e.CreatedAt).ToListAsync(ct);
        var intake = await db.Intakes.AsNoTracking().Where(i => i.CaseId == caseId).Select(i => i.Data).SingleOrDefaultAsync(ct);

        var cover = new ReportCover(
            t["Report.Title"],
            incident.Number.Value,
            incident.Title,
            clientName,
            [
                new(t["Cover.Client"], clientName),
                new(t["Cover.CaseNumber"], incident.Number.Value),
                new(t["Cover.Severity"], t.Enum(incident.Severity)),
                new(t["Cover.Detected"], ReportText.Time(incident.DetectedAt)),
                new(t["Cover.Reported"], ReportText.Time(incident.ReportedAt)),
                new(t["Cover.Engaged"], ReportText.Time(incident.EngagedAt)),
                new(t["Cover.Author"], request.AuthorName),
                new(t["Cover.Version"], request.Version.ToString(CultureInfo.InvariantCulture)),
                new(t["Cover.GeneratedAt"], ReportText.Time(request.GeneratedAt)),
                new(t["Cover.Language"], t["Language.Name"]),
                new(t["Cover.Tlp"], incident.Tlp.Label()),
            ],
            t["TlpMeaning." + incident.Tlp]);

        var sections = new List<ReportSection>
        {
            new("summary", t["Section.Summary"], Narrative(request.Narrative.ExecutiveSummary, t["Empty.Summary"])),
            new("what-happened", t["Section.WhatHappened"], await WhatHappenedAsync(caseId, intake, t, chinese, ct)),
            new("analysis", t["Section.Analysis"], await AnalysisAsync(evidence, t, chinese, ct)),
        };

        var register = await IndicatorRegister.BuildAsync(db, caseId, crossCase: false, ct);
        var confirmed = register.Where(e => e.Status == IndicatorStatus.ConfirmedMalicious).ToList();
        sections.Add(new("indicators", t["Section.Indicators"], Indicators(confirmed, t, body: true)));
        sections.Add(new("remediation", t["Section.Remediation"], await RemediationAsync(caseId, evidence, t, ct)));
        sections.Add(new("recommendations", t["Section.Recommendations"], Narrative(request.Narrative.Recommendations, t["Empty.Recommendations"])));
        sections.Add(new("appendix-evidence", t["Appendix.Evidence"], Custody(evidence, t), NewPage: true));
        sections.Add(new("appendix-indicators", t["Appendix.Indicators"], Indicators(confirmed, t, body: false), NewPage: true));
        sections.Add(new("appendix-method", t["Appendix.Method"], Method(evidence, t), NewPage: true));

        var chrome = new ReportChrome(
            $"{incident.Number.Value} · {t["Report.Title"]}",
            t.Format("Footer.Version", request.Version, ReportText.Time(request.GeneratedAt)),
            t["Footer.PageOf"],
            t.Culture.Name);
        return new ReportDocument(t.Culture, incident.Tlp, cover, sections, chrome);
    }

    private static List<ReportBlock> Narrative(string? markdown, string empty)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return [new EmptyBlock(empty)];
        }

        var narrative = ReportMarkdown.Convert(markdown);
        return narrative.Blocks.Count == 0 ? [new EmptyBlock(empty)] : [narrative];
    }

    private async Task<List<ReportBlock>> WhatHappenedAsync(CaseId caseId, IntakeData? intake, ReportText t, bool chinese, CancellationToken ct)
    {
        var blocks = new List<ReportBlock> { new HeadingBlock(2, t["Heading.Classification"]) };
        var decision = await db.Classifications.AsNoTracking().Where(d => d.CaseId == caseId).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        if (decision is null)
        {
            blocks.Add(new EmptyBlock(t["Empty.Classification"]));
        }
        else
        {
            var taxonomy = IncidentTaxonomy.For(decision.Type);
            blocks.Add(new TableBlock(null, [1, 2.6],
            [
                [t["Classification.Type"], t.Enum(decision.Type) + (decision.Family is null ? string.Empty : $" ({decision.Family})")],
                [t["Classification.Severity"], t.Enum(decision.Severity)],
                [t["Classification.Taxonomy"], $"RSIT: {taxonomy.Rsit ?? "—"} · GB/T 20986: {taxonomy.GbClass ?? "—"}"],
                [t["Classification.DecidedBy"], $"{decision.DecidedBy}, {ReportText.Time(decision.DecidedAt)}"],
                .. decision.Reason is null ? Array.Empty<IReadOnlyList<string>>() : [[t["Classification.Reason"], decision.Reason]],
            ]));
            var suggestion = await ClassificationEngine.SuggestAsync(db, presenter, caseId, ct);
            var score = suggestion.Scores.FirstOrDefault(s => s.Type == decision.Type);
            if (score is null || score.Rationale.Count == 0)
            {
                blocks.Add(new EmptyBlock(t["Empty.Signals"]));
            }
            else
            {
                blocks.Add(ParagraphBlock.Of(t.Format("Classification.Signals", score.Score)));
                blocks.Add(new TableBlock(
                    [t["Column.Source"], t["Column.Signal"], t["Column.Weight"], t["Column.SeenIn"]],
                    [1, 3.2, 0.7, 1.8],
                    score.Rationale.OrderByDescending(s => s.Weight).Take(25).Select(s => (IReadOnlyList<string>)
                    [
                        t["SignalSource." + s.Source],
                        SignalLabel(s, t),
                        s.Weight.ToString("+0;-0;0", CultureInfo.InvariantCulture),
                        s.EvidenceName ?? "—",
                    ]).ToList()));
            }
        }

        blocks.Add(new HeadingBlock(2, t["Heading.Timeline"]));
        var timeline = await new GetCaseTimelineQueryHandler(db).Handle(new GetCaseTimelineQuery(caseId.Value), ct);
        var items = timeline.Items.Where(i => i.Lane is not (TimelineLane.Note or TimelineLane.Report)).ToList();
        if (items.Count == 0)
        {
            blocks.Add(new EmptyBlock(t["Empty.Timeline"]));
        }
        else
        {
            var lanes = items.Select(i => i.Lane).Distinct().Order().ToList();
            var png = ReportCharts.Timeline(
                items.Select(i => (i.At.UtcDateTime, lanes.IndexOf(i.Lane))).ToList(),
                lanes.Select(l => t.Enum(l)).ToList(),
                chinese);
            blocks.Add(new ChartBlock(png, ReportCharts.Width, 90 + (lanes.Count * 55), t["Chart.Timeline"]));
            var key = items.Where(i => i.Kind != TimelineItemKind.EvidenceAnalysed).ToList();
            blocks.Add(new TableBlock(
                [t["Column.Time"], t["Column.Event"], t["Column.Details"], t["Column.Host"]],
                [1.75, 1.5, 3, 1],
                key.Take(TimelineRows).Select(i => (IReadOnlyList<string>)
                [
                    ReportText.Time(i.At),
                    t.Enum(i.Kind),
                    TimelineText(i, t),
                    i.Host ?? string.Empty,
                ]).ToList()));
            if (key.Count > TimelineRows)
            {
                blocks.Add(ParagraphBlock.Of(t.Format("Timeline.More", key.Count - TimelineRows)));
            }
        }

        blocks.Add(new HeadingBlock(2, t["Heading.Hosts"]));
        var hosts = intake?.Hosts ?? [];
        var triageHosts = await db.Timeline.AsNoTracking()
            .Where(e => e.CaseId == caseId && e.Kind == TimelineEntryKind.TriageCollected && e.Host != null)
            .Select(e => new { e.Host, e.EvidenceId, e.UnixNanoseconds }).ToListAsync(ct);
        if (hosts.Count == 0 && triageHosts.Count == 0)
        {
            blocks.Add(new EmptyBlock(t["Empty.Hosts"]));
            return blocks;
        }

        var rows = hosts.Select(h => (IReadOnlyList<string>)
        [
            h.Hostname ?? "—",
            string.Join(", ", h.IpAddresses ?? []),
            h.OperatingSystem ?? string.Empty,
            h.Role ?? string.Empty,
            h.State is { } state ? t.Enum(state) : string.Empty,
            t["Host.FromIntake"],
        ]).ToList();
        var evidenceNames = await db.Evidence.AsNoTracking().Where(e => e.CaseId == caseId).Select(e => new { e.Id, e.OriginalName }).ToListAsync(ct);
        foreach (var host in triageHosts.GroupBy(h => h.Host!, StringComparer.OrdinalIgnoreCase))
        {
            var names = host.Select(h => evidenceNames.FirstOrDefault(e => e.Id == h.EvidenceId)?.OriginalName).OfType<string>().Distinct();
            rows.Add([host.Key, string.Empty, string.Empty, string.Empty, string.Empty, t.Format("Host.FromTriage", string.Join(", ", names))]);
        }

        blocks.Add(new TableBlock(
            [t["Column.Hostname"], t["Column.Addresses"], t["Column.OperatingSystem"], t["Column.Role"], t["Column.State"], t["Column.Source"]],
            [1.3, 1.4, 1.2, 1.1, 0.8, 1.4],
            rows,
            Mono: [1]));
        return blocks;
    }

    private static string SignalLabel(ClassificationSignal signal, ReportText t) => signal.Source switch
    {
        SignalSource.Symptom when System.Enum.TryParse<SymptomKind>(signal.Code, out var symptom) => t.Enum(symptom),
        SignalSource.Indicator when System.Enum.TryParse<IndicatorType>(signal.Code, out var type) => t.Enum(type),
        _ => signal.Label,
    };

    private static string TimelineText(TimelineItemDto item, ReportText t) => item.Kind switch
    {
        TimelineItemKind.PhaseChanged or TimelineItemKind.CaseClosed when System.Enum.TryParse<CasePhase>(item.Value, out var phase) => t.Enum(phase),
        TimelineItemKind.Classified when System.Enum.TryParse<IncidentType>(item.Value, out var type) => t.Enum(type),
        TimelineItemKind.ManualEvent when item.Tactic is { } tactic => $"{item.Text} ({t.Enum(tactic)})",
        TimelineItemKind.FirstNoticed or TimelineItemKind.LastKnownGood or TimelineItemKind.ClientActed => t.Format("Timeline.ClientZone", item.Text),
        _ => item.Text,
    };

    private async Task<List<ReportBlock>> AnalysisAsync(List<EvidenceItem> evidence, ReportText t, bool chinese, CancellationToken ct)
    {
        if (evidence.Count == 0)
        {
            return [new EmptyBlock(t["Empty.Evidence"])];
        }

        var blocks = new List<ReportBlock>();
        var ids = evidence.Select(e => e.Id).ToList();
        var findings = (await db.EvidenceFindings.AsNoTracking().Where(f => ids.Contains(f.EvidenceId)).ToListAsync(ct))
            .Where(f => evidence.Single(e => e.Id == f.EvidenceId).AnalysisRun == f.Run)
            .ToLookup(f => f.EvidenceId);
        foreach (var item in evidence)
        {
            blocks.Add(new HeadingBlock(2, item.OriginalName));
            blocks.Add(new TableBlock(null, [1, 3],
            [
                [t["Evidence.Kind"], t.Enum(item.Kind)],
                [t["Evidence.Size"], FindingText.Bytes(item.Size, t.Culture)],
                [t["Evidence.Status"], t.Enum(item.AnalysisStatus)],
                [t["Evidence.Analyser"], item.Analyser is null ? "—" : $"{item.Analyser} {item.AnalyserVersion}".Trim()],
            ]));
            var own = findings[item.Id].OrderByDescending(f => f.Severity).ThenBy(f => f.Id).ToList();
            if (item.AnalysisStatus is not (AnalysisStatus.Succeeded or AnalysisStatus.SucceededWithWarnings))
            {
                blocks.Add(new EmptyBlock(t["Empty.NotAnalysed." + item.AnalysisStatus]));
                continue;
            }

            if (own.Count == 0)
            {
                blocks.Add(new EmptyBlock(t["Empty.Findings"]));
            }
            else
            {
                blocks.Add(new HeadingBlock(3, t["Heading.Findings"]));
                blocks.Add(new TableBlock(
                    [t["Column.Severity"], t["Column.Finding"], t["Column.Reference"]],
                    [0.8, 4, 1.8],
                    own.Take(FindingsPerItem).Select(f =>
                    {
                        var view = presenter.Present(f);
                        var title = view.Attack is null ? view.Title : $"{view.Title} [ATT&CK {view.Attack}]";
                        return (IReadOnlyList<string>)[t.Enum(f.Severity), string.IsNullOrEmpty(view.Explanation) ? title : $"{title}\n{view.Explanation}", Reference(view.Reference, t)];
                    }).ToList(),
                    Titled: [1]));
                if (own.Count > FindingsPerItem)
                {
                    blocks.Add(ParagraphBlock.Of(t.Format("Findings.More", own.Count - FindingsPerItem)));
                }
            }

            if (item.Analyser == "traffic")
            {
                blocks.AddRange(await TrafficChartsAsync(item, t, chinese, ct));
            }
        }

        return blocks;
    }

    private async Task<List<ReportBlock>> TrafficChartsAsync(EvidenceItem item, ReportText t, bool chinese, CancellationToken ct)
    {
        var json = await runs.SummaryAsync(item.Id, item.AnalysisRun, ct);
        if (json is null)
        {
            return [];
        }

        var summary = GetTrafficViewQueryHandler.Parse(json, []);
        var blocks = new List<ReportBlock>
        {
            new HeadingBlock(3, t["Heading.Traffic"]),
            ParagraphBlock.Of(t.Format("Traffic.Summary", t.Number(summary.Packets), FindingText.Bytes(summary.Bytes, t.Culture), t.Number(summary.Hosts), t.Number(summary.Conversations),
                summary.FirstSeen is { } first ? FindingText.Time(first) : "—", summary.LastSeen is { } last ? FindingText.Time(last) : "—")),
        };
        var mix = summary.Counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Take(12).Select(c => (c.Key, (double)c.Value)).ToList();
        if (mix.Count > 0)
        {
            var png = ReportCharts.HorizontalBars(mix, t["Chart.Packets"], chinese);
            blocks.Add(new ChartBlock(png, ReportCharts.Width, Math.Max(260, Math.Min(ReportCharts.Height, 70 + (mix.Count * 34))), t["Chart.ProtocolMix"]));
        }

        var talkers = summary.TopTalkers.Where(x => x.Bytes > 0).Take(10).Select(x => (x.Ip, x.Bytes / 1024.0)).ToList();
        if (talkers.Count > 0)
        {
            var png = ReportCharts.HorizontalBars(talkers, t["Chart.KiB"], chinese);
            blocks.Add(new ChartBlock(png, ReportCharts.Width, Math.Max(260, Math.Min(ReportCharts.Height, 70 + (talkers.Count * 34))), t["Chart.TopTalkers"]));
        }

        if (summary.Buckets.Count > 1)
        {
            var origin = summary.Buckets[0].Start;
            var span = (summary.Buckets[^1].Start - origin) / 1e9;
            var (unit, seconds) = span switch
            {
                < 300 => ("Unit.Seconds", 1.0),
                < 5 * 3600 => ("Unit.Minutes", 60.0),
                < 5 * 86400 => ("Unit.Hours", 3600.0),
                _ => ("Unit.Days", 86400.0),
            };
            var png = ReportCharts.TimeBars(
                summary.Buckets.Select(b => ((b.Start - origin) / 1e9 / seconds, (double)b.ConversationsStarted)).ToList(),
                (summary.Buckets[1].Start - origin) / 1e9 / seconds,
                t.Format("Chart.Since", t[unit], FindingText.Time(origin)),
                t["Chart.Conversations"],
                chinese);
            blocks.Add(new ChartBlock(png, ReportCharts.Width, 420, t["Chart.ConnectionsOverTime"]));
        }

        return blocks;
    }

    private static string Reference(EvidenceReference? reference, ReportText t)
    {
        if (reference is null)
        {
            return "—";
        }

        var parts = new List<string>();
        if (reference.FirstFrame is { } first)
        {
            parts.Add(t.Format("Reference.Frames", first, reference.LastFrame ?? first));
        }

        if (reference.FromNanoseconds is { } from)
        {
            parts.Add(reference.ToNanoseconds is { } to && to != from ? $"{FindingText.Time(from)} – {FindingText.Time(to)}" : FindingText.Time(from));
        }

        if (reference.Offset is { } offset)
        {
            parts.Add(t.Format("Reference.Offset", "0x" + offset.ToString("x", CultureInfo.InvariantCulture), reference.Length ?? 0));
        }

        if (reference.Table is { } table)
        {
            parts.Add(reference.Filter is { Length: > 0 } filter ? t.Format("Reference.RowsFiltered", table, filter) : t.Format("Reference.Rows", table));
        }

        return parts.Count == 0 ? "—" : string.Join("\n", parts);
    }

    private static List<ReportBlock> Indicators(List<RegisterEntry> confirmed, ReportText t, bool body)
    {
        if (confirmed.Count == 0)
        {
            return [new EmptyBlock(t["Empty.Indicators"])];
        }

        var shown = body ? confirmed.Take(BodyIndicators).ToList() : confirmed;
        var blocks = new List<ReportBlock>
        {
            ParagraphBlock.Of(body
                ? t.Format("Indicators.Intro", confirmed.Count, Math.Min(BodyIndicators, confirmed.Count))
                : t.Format("Indicators.Appendix", confirmed.Count)),
            new TableBlock(
                [t["Column.Type"], t["Column.Indicator"], t["Column.Tlp"], t["Column.SeenIn"]],
                [0.9, 3.4, 0.9, 1.8],
                shown.Select(e => (IReadOnlyList<string>)
                [
                    t.Enum(e.Type),
                    e.Value,
                    e.Tlp.Label(),
                    e.Sources.Count == 0 ? t["Indicators.Manual"] : string.Join(", ", e.Sources.Select(s => s.EvidenceName).Distinct()),
                ]).ToList(),
                Mono: [1]),
        };
        return blocks;
    }

    private async Task<List<ReportBlock>> RemediationAsync(CaseId caseId, List<EvidenceItem> evidence, ReportText t, CancellationToken ct)
    {
        var items = await db.RemediationItems.AsNoTracking().Where(i => i.CaseId == caseId).ToListAsync(ct);
        if (items.Count == 0)
        {
            return [new EmptyBlock(t["Empty.Remediation"])];
        }

        var blocks = new List<ReportBlock>();
        var stages = items.GroupBy(i => i.Stage).OrderBy(g => g.Key).ToList();
        blocks.Add(new TableBlock(
            [t["Column.Stage"], t["Column.Done"], t["Column.Verified"], t["Column.Open"], t["Column.WontDo"]],
            [1.6, 1, 1.6, 1, 1],
            stages.Select(g => (IReadOnlyList<string>)
            [
                t.Enum(g.Key),
                g.Count(i => i.Status == RemediationStatus.Done).ToString(CultureInfo.InvariantCulture),
                g.Count(i => i.Status == RemediationStatus.Verified).ToString(CultureInfo.InvariantCulture),
                g.Count(i => i.Status is RemediationStatus.Open or RemediationStatus.InProgress).ToString(CultureInfo.InvariantCulture),
                g.Count(i => i.Status == RemediationStatus.WontDo).ToString(CultureInfo.InvariantCulture),
            ]).ToList()));
        foreach (var stage in stages)
        {
            blocks.Add(new HeadingBlock(3, t.Enum(stage.Key)));
            blocks.Add(new TableBlock(
                [t["Column.Action"], t["Column.Status"], t["Column.Host"]],
                [4, 1.6, 1.2],
                stage.OrderBy(i => i.Order).Select(i => (IReadOnlyList<string>)
                [
                    ItemText(i, t),
                    RemediationStatusText(i, evidence, t),
                    i.Host ?? string.Empty,
                ]).ToList()));
        }

        return blocks;
    }

    private static string ItemText(RemediationItem item, ReportText t)
    {
        if (item.Source == RemediationSource.Playbook)
        {
            return (t.Culture.Name == "zh-CN" ? item.TextZh ?? item.TextEn : item.TextEn ?? item.TextZh) ?? "—";
        }

        var action = item.Action is null ? string.Empty : t["RemediationAction." + item.Action] + ": ";
        return action + (item.Target ?? string.Empty) + (item.Command is null ? string.Empty : "\n" + item.Command);
    }

    private static string RemediationStatusText(RemediationItem item, List<EvidenceItem> evidence, ReportText t)
    {
        var status = t.Enum(item.Status);
        if (item.VerifiedByEvidenceId is { } verified)
        {
            status += "\n" + t.Format("Remediation.VerifiedBy", evidence.FirstOrDefault(e => e.Id == verified)?.OriginalName ?? "—");
        }
        else if (item.StillPresentInEvidenceId is { } still)
        {
            status += "\n" + t.Format("Remediation.StillPresent", evidence.FirstOrDefault(e => e.Id == still)?.OriginalName ?? "—");
        }

        return item.Status == RemediationStatus.WontDo && item.Reason is { } reason ? $"{status}\n{reason}" : status;
    }

    private static List<ReportBlock> Custody(List<EvidenceItem> evidence, ReportText t)
    {
        if (evidence.Count == 0)
        {
            return [new EmptyBlock(t["Empty.Evidence"])];
        }

        var blocks = new List<ReportBlock> { ParagraphBlock.Of(t["Custody.Intro"]) };
        foreach (var item in evidence)
        {
            var chain = item.Custody.OrderBy(c => c.Sequence).ToList();
            var broken = CustodyEntry.FirstBrokenLink(chain);
            blocks.Add(new HeadingBlock(3, item.OriginalName));
            blocks.Add(new TableBlock(null, [1, 3.6],
            [
                [t["Evidence.FileName"], item.OriginalName],
                [t["Evidence.Size"], t.Format("Evidence.Bytes", t.Number(item.Size))],
                ["SHA-256", item.Sha256],
                ["SHA-1", item.Sha1],
                ["MD5", item.Md5],
                [t["Evidence.Received"], $"{ReportText.Time(item.CreatedAt)}, {item.CreatedBy ?? "—"}"],
                [t["Evidence.Chain"], broken is { } at ? t.Format("Custody.Broken", at) : t.Format("Custody.Intact", chain.Count)],
            ],
            Mono: [1]));
            if (chain.Count > 0)
            {
                blocks.Add(new TableBlock(
                    ["#", t["Column.Time"], t["Column.Who"], t["Column.What"]],
                    [0.35, 1.5, 1.6, 3],
                    chain.Select(c => (IReadOnlyList<string>)
                    [
                        c.Sequence.ToString(CultureInfo.InvariantCulture),
                        ReportText.Seconds(c.At),
                        c.Actor,
                        t.Enum(c.Action) + (string.IsNullOrWhiteSpace(c.Details) ? string.Empty : " — " + CustodyDetailText.Localize(c.Action, c.Details, t.Culture, t.Enum)),
                    ]).ToList()));
            }
        }

        return blocks;
    }

    private List<ReportBlock> Method(List<EvidenceItem> evidence, ReportText t)
    {
        var used = evidence.Where(e => e.Analyser is not null)
            .GroupBy(e => (e.Analyser!, e.AnalyserVersion))
            .Select(g => (IReadOnlyList<string>)
            [
                t["Analyser." + g.Key.Item1] is var label && label != "Analyser." + g.Key.Item1 ? $"{g.Key.Item1} — {label}" : g.Key.Item1,
                g.Key.AnalyserVersion ?? "—",
                string.Join(", ", g.Select(e => e.OriginalName)),
            ])
            .ToList();
        var blocks = new List<ReportBlock> { ParagraphBlock.Of(t["Method.Intro"]) };
        blocks.Add(new HeadingBlock(3, t["Heading.Analysers"]));
        if (used.Count == 0)
        {
            blocks.Add(new EmptyBlock(t["Empty.Method"]));
        }
        else
        {
            blocks.Add(new TableBlock([t["Column.Analyser"], t["Column.Version"], t["Column.AppliedTo"]], [2.4, 0.9, 3], used));
        }

        blocks.Add(new HeadingBlock(3, t["Heading.Tools"]));
        var registered = analysers.All.Select(a => $"{a.Name} {a.Version}").Concat(analysers.Steps.Select(s => s.Name));
        blocks.Add(new ListBlock(false,
        [
            [new TextRun(t["Method.Hashing"])],
            [new TextRun(t["Method.Classification"])],
            [new TextRun(t["Method.Indicators"])],
            [new TextRun(t.Format("Method.Registry", string.Join(", ", registered)))],
            [new TextRun(t.Format("Method.Rendering", Version(typeof(PdfSharp.Pdf.PdfDocument)), Version(typeof(ScottPlot.Plot))))],
            [new TextRun(t["Method.Times"])],
        ]));
        return blocks;
    }

    private static string Version(Type type) =>
        type.Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "?";
}
