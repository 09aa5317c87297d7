using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Common.Interfaces;

/// <summary>Keeps the full result of an analysis run (conversations, DNS, HTTP …) for the evidence pages.</summary>
public interface IAnalysisResultStore
{
    Task SaveTrafficAsync(EvidenceId evidenceId, int run, TrafficAnalysisResult result, CancellationToken cancellationToken);

    /// <summary>The stored result of that run, or null when there is none.</summary>
    Task<TrafficAnalysisResult?> LoadTrafficAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken);

    Task SaveMemoryAsync(EvidenceId evidenceId, int run, MemoryAnalysisResult result, CancellationToken cancellationToken);

    Task<MemoryAnalysisResult?> LoadMemoryAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken);
}
