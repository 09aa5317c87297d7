using CaseManager.Domain.Evidence;
using Hangfire;

namespace CaseManager.Infrastructure.BackgroundJobs;

internal sealed class HangfireEvidenceAnalysisQueue(IBackgroundJobClient jobs) : IEvidenceAnalysisQueue
{
    public string Enqueue(EvidenceId evidenceId) =>
        jobs.Enqueue<EvidenceAnalysisJob>(JobQueues.Analysis, job => job.RunAsync(evidenceId.Value, CancellationToken.None));
}
