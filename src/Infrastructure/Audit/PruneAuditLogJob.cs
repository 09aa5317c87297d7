using System.ComponentModel;
using CaseManager.Application.Audit.Commands.PruneAuditLog;
using CaseManager.Infrastructure.BackgroundJobs;
using Hangfire;
using Mediator;

namespace CaseManager.Infrastructure.Audit;

/// <summary>Daily: prunes audit rows older than Audit:RetentionDays, keeping the chain verifiable from its anchor.</summary>
public sealed class PruneAuditLogJob(ISender sender, JobContext jobContext)
{
    public const string RecurringJobId = "prune-audit-log";

    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Prune the audit log")]
    [Queue(JobQueues.Default)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        jobContext.RunAsSystem();
        await sender.Send(new PruneAuditLogCommand(), cancellationToken);
    }

    /// <summary>Registers (or updates) the daily schedule; called once at start-up.</summary>
    public static void Schedule(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<PruneAuditLogJob>(RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
}
