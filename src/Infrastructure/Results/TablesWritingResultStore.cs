using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Evidence;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// Interim: the whole-document store the analysis job still calls, which also writes each result into the run's
/// tables (<see cref="LegacyResultTables"/>) so every page reads the run store. Removed with <see cref="IAnalysisResultStore"/>
/// once the job streams the analysers' tables through <see cref="IAnalysisRunStore.Create"/>.
/// </summary>
internal sealed class TablesWritingResultStore(FileAnalysisResultStore documents, IAnalysisRunStore runs) : IAnalysisResultStore
{
    public async Task SaveTrafficAsync(EvidenceId evidenceId, int run, TrafficAnalysisResult result, CancellationToken cancellationToken)
    {
        await documents.SaveTrafficAsync(evidenceId, run, result, cancellationToken);
        await using var writer = runs.Create(evidenceId, run);
        LegacyResultTables.Write(result, writer);
        await writer.CommitAsync(cancellationToken);
    }

    public Task<TrafficAnalysisResult?> LoadTrafficAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken) =>
        documents.LoadTrafficAsync(evidenceId, run, cancellationToken);

    public async Task SaveMemoryAsync(EvidenceId evidenceId, int run, MemoryAnalysisResult result, CancellationToken cancellationToken)
    {
        await documents.SaveMemoryAsync(evidenceId, run, result, cancellationToken);
        await using var writer = runs.Create(evidenceId, run);
        LegacyResultTables.Write(result, writer);
        await writer.CommitAsync(cancellationToken);
    }

    public Task<MemoryAnalysisResult?> LoadMemoryAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken) =>
        documents.LoadMemoryAsync(evidenceId, run, cancellationToken);
}
