using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Common.Interfaces;

/// <summary>Queues the background analysis of one evidence item (queue "analysis").</summary>
public interface IEvidenceAnalysisQueue
{
    string Enqueue(EvidenceId evidenceId);
}
