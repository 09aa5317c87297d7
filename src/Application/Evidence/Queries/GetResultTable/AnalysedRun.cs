using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Evidence.Queries.GetResultTable;

/// <summary>The committed analysis run of an evidence item, as the result pages read it: the run's number, the analyser's catalogue, its tables.</summary>
public sealed record AnalysedRun(
    EvidenceId Id,
    Guid CaseId,
    string Name,
    int Run,
    string? AnalyserName,
    IFindingCatalogue? Catalogue,
    IReadOnlyList<ResultTableSchema> Tables,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The item's current run, or <see cref="NotFoundException"/> when it was not analysed successfully or its run kept no
    /// result tables (analysed before the result store).
    /// </summary>
    public static async Task<AnalysedRun> LoadAsync(
        IApplicationDbContext db, IAnalysisRunStore store, IAnalyserRegistry analysers, Guid evidenceId, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(evidenceId);
        var item = await db.Evidence.AsNoTracking().Where(e => e.Id == id)
                       .Select(e => new { e.CaseId, e.OriginalName, e.AnalysisRun, e.AnalysisStatus, e.Analyser, e.AnalysisMessage })
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException(nameof(EvidenceItem), evidenceId);
        var tables = item.AnalysisStatus is AnalysisStatus.Succeeded or AnalysisStatus.SucceededWithWarnings
            ? await store.TablesAsync(id, item.AnalysisRun, cancellationToken)
            : null;
        if (tables is null)
        {
            throw new NotFoundException("Analysis results", evidenceId);
        }

        // Runs before the registry recorded "<name> <version>".
        var analyser = item.Analyser?.Split(' ', 2)[0];
        var warnings = item.AnalysisStatus == AnalysisStatus.SucceededWithWarnings
            ? new FindingPresenter(analysers).Warnings(item.AnalysisMessage, analyser)
            : [];
        return new AnalysedRun(
            id, item.CaseId.Value, item.OriginalName, item.AnalysisRun, analyser,
            analyser is null ? null : analysers.ByName(analyser)?.Catalogue, tables, warnings);
    }
}
