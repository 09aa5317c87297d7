using System.ComponentModel;
using CaseManager.Application.Evidence.Commands.ExpireAbandonedUploads;
using Hangfire;
using Mediator;

namespace CaseManager.Infrastructure.BackgroundJobs;

/// <summary>Hourly: deletes uploads nobody has continued for Evidence:AbandonedUploadHours, and their bytes.</summary>
public sealed class ExpireAbandonedUploadsJob(ISender sender, JobContext jobContext)
{
    public const string RecurringJobId = "expire-abandoned-uploads";

    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Expire abandoned uploads")]
    [Queue(JobQueues.Default)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        jobContext.RunAsSystem();
        await sender.Send(new ExpireAbandonedUploadsCommand(), cancellationToken);
    }

    /// <summary>Registers (or updates) the hourly schedule; called once at start-up by every web or worker process.</summary>
    public static void Schedule(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<ExpireAbandonedUploadsJob>(RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
}
