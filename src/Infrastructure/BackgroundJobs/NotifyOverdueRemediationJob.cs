using System.ComponentModel;
using CaseManager.Application.Remediation.Commands;
using Hangfire;
using Mediator;

namespace CaseManager.Infrastructure.BackgroundJobs;

/// <summary>Hourly: notifies the assignees of remediation items past their due date (once per item and due date).</summary>
public sealed class NotifyOverdueRemediationJob(ISender sender, JobContext jobContext)
{
    public const string RecurringJobId = "notify-overdue-remediation";

    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Notify overdue remediation items")]
    [Queue(JobQueues.Default)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        jobContext.RunAsSystem();
        await sender.Send(new NotifyOverdueRemediationCommand(), cancellationToken);
    }

    public static void Schedule(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<NotifyOverdueRemediationJob>(RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
}
