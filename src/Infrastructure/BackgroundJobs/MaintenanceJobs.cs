using System.ComponentModel;
using CaseManager.Application.Audit.Commands.PruneAuditLog;
using CaseManager.Application.Evidence.Commands.ExpireAbandonedUploads;
using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Search.Commands.CompactSearchIndexes;
using Hangfire;
using Mediator;

namespace CaseManager.Infrastructure.BackgroundJobs;

/// <summary>The recurring maintenance jobs: one parameterless command each, run as the system on a schedule.</summary>
public static class MaintenanceJobs
{
    /// <summary>Hourly: deletes uploads nobody has continued for Evidence:AbandonedUploadHours, and their bytes.</summary>
    public const string ExpireAbandonedUploads = "expire-abandoned-uploads";

    /// <summary>Hourly: notifies the assignees of remediation items past their due date (once per item and due date).</summary>
    public const string NotifyOverdueRemediation = "notify-overdue-remediation";

    /// <summary>Daily at 03:00: prunes audit rows older than Audit:RetentionDays, keeping the chain verifiable from its anchor.</summary>
    public const string PruneAuditLog = "prune-audit-log";

    /// <summary>Every 15 minutes: merges the segments of SQLite's search indexes (nothing on PostgreSQL).</summary>
    public const string CompactSearchIndexes = "compact-search-indexes";

    /// <summary>Registers (or updates) every schedule; called once at start-up by every web or worker process.</summary>
    public static void Schedule(IRecurringJobManager jobs)
    {
        Add<ExpireAbandonedUploadsCommand, int>(jobs, ExpireAbandonedUploads, "Expire abandoned uploads", Cron.Hourly());
        Add<NotifyOverdueRemediationCommand, int>(jobs, NotifyOverdueRemediation, "Notify overdue remediation items", Cron.Hourly());
        Add<PruneAuditLogCommand, PruneAuditLogResult>(jobs, PruneAuditLog, "Prune the audit log", Cron.Daily(3));
        Add<CompactSearchIndexesCommand, int>(jobs, CompactSearchIndexes, "Compact the search indexes", "*/15 * * * *");
    }

    private static void Add<TCommand, TResult>(IRecurringJobManager jobs, string id, string name, string cron)
        where TCommand : ICommand<TResult>, new() =>
        jobs.AddOrUpdate<MaintenanceJob<TCommand, TResult>>(id, job => job.RunAsync(name, CancellationToken.None), cron);
}

/// <summary>Sends <typeparamref name="TCommand"/> as the system (never as a user); scheduled by <see cref="MaintenanceJobs"/>.</summary>
public sealed class MaintenanceJob<TCommand, TResult>(ISender sender, JobContext jobContext)
    where TCommand : ICommand<TResult>, new()
{
    /// <summary>Runs the command; <paramref name="name"/> is only the job's name in the dashboard.</summary>
    [AutomaticRetry(Attempts = 1)]
    [DisplayName("{0}")]
    [Queue(JobQueues.Default)]
    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        jobContext.RunAsSystem();
        await sender.Send(new TCommand(), cancellationToken);
    }
}
