using System.ComponentModel;
using CaseManager.Application.Evidence.Commands.AnalyseEvidence;
using Hangfire;
using Mediator;

namespace CaseManager.Infrastructure.BackgroundJobs;

/// <summary>
/// Analyses one evidence item. Analyser errors end as "Failed" on the item (visible, retryable from the
/// page) rather than as a Hangfire failure; a worker killed mid-run leaves the job to be picked up again,
/// and the re-run replaces the interrupted run's results.
/// </summary>
public sealed class EvidenceAnalysisJob(ISender sender, JobContext jobContext)
{
    [AutomaticRetry(Attempts = 3)]
    [DisplayName("Analyse evidence {0}")]
    [Queue(JobQueues.Analysis)]
    public async Task RunAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        jobContext.RunAsSystem();
        await sender.Send(new AnalyseEvidenceCommand(evidenceId), cancellationToken);
    }
}
