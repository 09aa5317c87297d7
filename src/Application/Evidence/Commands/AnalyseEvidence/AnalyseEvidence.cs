using CaseManager.Application.Analysis;
using CaseManager.Application.Yara;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using Microsoft.Extensions.Logging;

namespace CaseManager.Application.Evidence.Commands.AnalyseEvidence;

/// <summary>
/// Sent by the analysis job. Re-entrant: every run gets a new run number, writes its result tables into a run of its
/// own (visible only once committed) and replaces the previous run's findings, indicators and timeline in one
/// transaction, so a retry or a re-run after a crashed worker never duplicates results, a half-finished run is never
/// shown as complete, and a run that fails leaves the previous run's tables untouched.
/// </summary>
[SystemRequest]
public sealed record AnalyseEvidenceCommand(Guid EvidenceId) : ICommand;

public sealed class AnalyseEvidenceCommandHandler(
    IApplicationDbContext db,
    IEvidenceStore store,
    IAnalyserRegistry analysers,
    IAnalysisRunStore runs,
    IIndicatorRelevance relevance,
    IYaraEngine yara,
    TimeProvider clock,
    ILogger<AnalyseEvidenceCommand> logger) : ICommandHandler<AnalyseEvidenceCommand>
{
    private const string Actor = "system (analysis job)";

    /// <summary>Indicators kept per run; the rest are counted in a warning (the run's tables keep everything).</summary>
    public const int MaxIndicators = 5000;

    /// <summary>Findings kept per run (each already aggregates its rows).</summary>
    public const int MaxFindings = 1000;

    public async ValueTask<Unit> Handle(AnalyseEvidenceCommand command, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(command.EvidenceId);
        var item = await db.Evidence.Include(e => e.Custody).SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(EvidenceItem), command.EvidenceId);

        var analyser = analysers.For(item.Kind);
        if (analyser is null)
        {
            item.NoAnalyserFor(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }

        var run = item.StartAnalysis(analyser.Name, analyser.Version);
        await db.SaveChangesAsync(cancellationToken);

        AnalysisOutcome outcome;
        try
        {
            var progress = new ProgressWriter(db, id, cancellationToken);
            await using var content = store.OpenRead(item.Sha256);
            await using var writer = runs.Create(id, run);
            outcome = await analyser.AnalyseAsync(new AnalysisInput(content, item.OriginalName, item.Kind, progress, Document: false), writer, cancellationToken);
            outcome = await ScanWithYaraAsync(item, outcome, cancellationToken);
            await writer.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Evidence {EvidenceId}: run {Run} by {Analyser} failed", command.EvidenceId, run, analyser.Name);
            item.FailAnalysis($"{ex.GetType().Name}: {ex.Message}", Actor, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }

        var warnings = outcome.Warnings.ToList();
        var indicators = outcome.Indicators.DistinctBy(i => (i.Type, Domain.Indicators.IndicatorValue.Canonical(i.Type, i.Value))).ToList();
        if (indicators.Count > MaxIndicators)
        {
            warnings.Add(AnalysisWarning.Of(
                "platform.indicators-capped",
                FindingArgument.Of("kept", ArgumentType.Count, MaxIndicators),
                FindingArgument.Of("total", ArgumentType.Count, indicators.Count)));
        }

        if (outcome.Findings.Count > MaxFindings)
        {
            warnings.Add(AnalysisWarning.Of(
                "platform.findings-capped",
                FindingArgument.Of("kept", ArgumentType.Count, MaxFindings),
                FindingArgument.Of("total", ArgumentType.Count, outcome.Findings.Count)));
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
                db.Timeline.AddRange(outcome.Events.Select(e => new TimelineEntry(item.CaseId, id, e.Kind, e.UnixNanoseconds, item.OriginalName, e.Host, e.Detail)));
                db.EvidenceFindings.AddRange(outcome.Findings
                    .OrderByDescending(f => f.Severity)
                    .Take(MaxFindings)
                    .Select(f => new EvidenceFinding(
                        id,
                        run,
                        f.Code,
                        f.Severity,
                        FindingJson.Arguments(f.Arguments),
                        FindingJson.Reference(f.Reference),
                        f.Attack ?? analysers.Finding(f.Code)?.Definition.Attack)));
                db.EvidenceIndicators.AddRange(indicators
                    .Select(i => (Indicator: i, Relevance: relevance.Classify(i.Type, i.Value)))
                    .OrderByDescending(i => i.Relevance)
                    .Take(MaxIndicators)
                    .Select(i => new EvidenceIndicator(id, run, i.Indicator.Type, Domain.Indicators.IndicatorValue.Canonical(i.Indicator.Type, i.Indicator.Value), i.Indicator.Context, i.Relevance)));
                item.CompleteAnalysis(warnings.Select(FindingJson.Warning).ToList(), Actor, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                stored = true;
            },
            cancellationToken);
        if (stored)
        {
            await runs.DeleteRunsAsync(id, run, cancellationToken);
            await Remediation.RemediationPlanner.OnAnalysedAsync(db, item, (outcome.Result as Remediation.IDescribesHost)?.Host, clock.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Evidence {EvidenceId} analysed (run {Run}): {Findings} findings, {Indicators} indicators", command.EvidenceId, run, outcome.Findings.Count, indicators.Count);
        }
        else
        {
            // Keep only the newest run's tables (a newer run still being written is not touched).
            var newest = await db.Evidence.AsNoTracking().Where(e => e.Id == id).Select(e => e.AnalysisRun).SingleAsync(cancellationToken);
            await runs.DeleteRunsAsync(id, newest, cancellationToken);
            logger.LogWarning("Evidence {EvidenceId}: run {Run} was superseded by a newer run; its results were discarded", command.EvidenceId, run);
        }

        return Unit.Value;
    }

    /// <summary>
    /// The scanning step after the analyser (ADR-005): the enabled global rule sets and the case's ones scan the stored
    /// content; their matches join the run's findings, so the next run (a rescan) replaces them with the rest.
    /// </summary>
    private async Task<AnalysisOutcome> ScanWithYaraAsync(EvidenceItem item, AnalysisOutcome outcome, CancellationToken cancellationToken)
    {
        if (!yara.Scans(item.Kind))
        {
            return outcome;
        }

        var caseId = item.CaseId.Value;
        var sets = await db.YaraRuleSets.AsNoTracking()
            .Where(r => r.Enabled && (r.CaseId == null || r.CaseId == caseId))
            .OrderBy(r => r.CaseId != null).ThenBy(r => r.Name)
            .Select(r => new YaraRuleSource(r.Name, r.Source, r.Version))
            .ToListAsync(cancellationToken);
        if (sets.Count == 0)
        {
            return outcome;
        }

        await using var content = store.OpenRead(item.Sha256);
        var scan = await yara.ScanEvidenceAsync(sets, content, item.Kind, cancellationToken);
        return outcome with { Findings = [.. outcome.Findings, .. scan.Findings], Warnings = [.. outcome.Warnings, .. scan.Warnings] };
    }

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
