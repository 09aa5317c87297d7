using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using Microsoft.Extensions.Logging;

namespace CaseManager.Application.Evidence.Commands.AnalyseEvidence;

/// <summary>
/// Sent by the analysis job. Re-entrant: every run gets a new run number and replaces the previous
/// run's findings and indicators in one transaction, so a retry or a re-run after a crashed worker
/// never duplicates results and a half-finished run is never shown as complete.
/// </summary>
[SystemRequest]
public sealed record AnalyseEvidenceCommand(Guid EvidenceId) : ICommand;

public sealed class AnalyseEvidenceCommandHandler(
    IApplicationDbContext db,
    IEvidenceStore store,
    ITrafficAnalyzer traffic,
    IMemoryAnalyzer memory,
    IAnalysisResultStore results,
    TimeProvider clock,
    ILogger<AnalyseEvidenceCommand> logger) : ICommandHandler<AnalyseEvidenceCommand>
{
    private const string Actor = "system (analysis job)";

    public async ValueTask<Unit> Handle(AnalyseEvidenceCommand command, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(command.EvidenceId);
        var item = await db.Evidence.Include(e => e.Custody).SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(EvidenceItem), command.EvidenceId);

        var analyser = AnalyserFor(item.Kind);
        if (analyser is null)
        {
            item.NoAnalyserFor(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }

        var implementation = analyser == "traffic" ? traffic.GetType() : memory.GetType();
        var run = item.StartAnalysis($"{analyser} {implementation.Assembly.GetName().Version}");
        await db.SaveChangesAsync(cancellationToken);

        (IReadOnlyList<LegacyFinding> Findings, IReadOnlyList<AnalysisIndicator> Indicators, IReadOnlyList<string> Warnings) outcome;
        var timeline = new List<TimelineEntry>();
        try
        {
            var progress = new ProgressWriter(db, id, cancellationToken);
            await using var content = store.OpenRead(item.Sha256);
            if (analyser == "traffic")
            {
                var result = await traffic.AnalyzeAsync(content, progress, cancellationToken);
                await results.SaveTrafficAsync(id, run, result, cancellationToken);
                outcome = ToOutcome(result);
                if (result.FirstSeen is { } first && result.LastSeen is { } last)
                {
                    timeline.Add(new TimelineEntry(item.CaseId, id, TimelineEntryKind.FirstTraffic, first.TotalNanoseconds, item.OriginalName));
                    timeline.Add(new TimelineEntry(item.CaseId, id, TimelineEntryKind.LastTraffic, last.TotalNanoseconds, item.OriginalName));
                }
            }
            else
            {
                var result = await memory.AnalyzeAsync(content, item.OriginalName, progress, cancellationToken);
                await results.SaveMemoryAsync(id, run, result, cancellationToken);
                outcome = ToOutcome(result);
                if (result.Sample?.Pe is { } pe)
                {
                    timeline.Add(new TimelineEntry(item.CaseId, id, TimelineEntryKind.SampleCompiled, (pe.Timestamp - DateTimeOffset.UnixEpoch).Ticks * 100, item.OriginalName));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            item.FailAnalysis($"{ex.GetType().Name}: {ex.Message}", Actor, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }

        var stored = false;
        await db.InTransactionAsync(
            async () =>
            {
                // Lock the item's row first, so two runs (a re-run after a presumed-dead worker) write one after the other,
                // and keep only the newest run's results.
                await db.Evidence.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.AnalysisRun, e => e.AnalysisRun), cancellationToken);
                if (await db.Evidence.Where(e => e.Id == id).Select(e => e.AnalysisRun).SingleAsync(cancellationToken) != run)
                {
                    return;
                }

                await db.EvidenceFindings.Where(f => f.EvidenceId == id).ExecuteDeleteAsync(cancellationToken);
                await db.EvidenceIndicators.Where(i => i.EvidenceId == id).ExecuteDeleteAsync(cancellationToken);
                await db.Timeline.Where(t => t.EvidenceId == id).ExecuteDeleteAsync(cancellationToken);
                db.Timeline.AddRange(timeline);
                db.EvidenceFindings.AddRange(outcome.Findings.Select(f => new EvidenceFinding(id, run, f.Severity, f.Title, f.Detail)));
                db.EvidenceIndicators.AddRange(outcome.Indicators
                    .DistinctBy(i => (i.Type, i.Value))
                    .Take(MaxIndicators)
                    .Select(i => new EvidenceIndicator(id, run, i.Type, i.Value, i.Context)));
                var warnings = outcome.Indicators.Count > MaxIndicators
                    ? [.. outcome.Warnings, $"Only the first {MaxIndicators} indicators were kept."]
                    : outcome.Warnings;
                item.CompleteAnalysis(warnings, Actor, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                stored = true;
            },
            cancellationToken);
        if (stored)
        {
            logger.LogInformation("Evidence {EvidenceId} analysed (run {Run}): {Findings} findings, {Indicators} indicators", command.EvidenceId, run, outcome.Findings.Count, outcome.Indicators.Count);
        }
        else
        {
            logger.LogWarning("Evidence {EvidenceId}: run {Run} was superseded by a newer run; its results were discarded", command.EvidenceId, run);
        }

        return Unit.Value;
    }

    public const int MaxIndicators = 5000;

    /// <summary>The analyser for a kind, or null when there is none (yet).</summary>
    public static string? AnalyserFor(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pcap or EvidenceKind.Pcapng => "traffic",
        EvidenceKind.ElfCore or EvidenceKind.Minidump or EvidenceKind.RawMemory or EvidenceKind.ElfExecutable or EvidenceKind.PeExecutable => "memory",
        _ => null,
    };

    private static (IReadOnlyList<LegacyFinding>, IReadOnlyList<AnalysisIndicator>, IReadOnlyList<string>) ToOutcome(TrafficAnalysisResult r) =>
        ([.. r.Findings.Select(f => new LegacyFinding(f.Severity, f.Title, f.Detail))], r.Indicators, r.Warnings);

    private static (IReadOnlyList<LegacyFinding>, IReadOnlyList<AnalysisIndicator>, IReadOnlyList<string>) ToOutcome(MemoryAnalysisResult r) =>
        (r.Findings, r.Indicators, r.Warnings);

    /// <summary>Writes the progress percentage straight to the row, at most once per whole percent.</summary>
    private sealed class ProgressWriter(IApplicationDbContext db, EvidenceId id, CancellationToken cancellationToken) : IProgress<double>
    {
        private int _last = -1;

        public void Report(double value)
        {
            var percent = (int)Math.Clamp(value * 100, 0, 99);
            if (percent <= _last)
            {
                return;
            }

            _last = percent;
            db.Evidence.Where(e => e.Id == id).ExecuteUpdate(s => s.SetProperty(e => e.AnalysisProgress, percent));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
