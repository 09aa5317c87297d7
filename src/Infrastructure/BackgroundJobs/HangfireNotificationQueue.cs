using CaseManager.Domain.Cases;
using Hangfire;

namespace CaseManager.Infrastructure.BackgroundJobs;

internal sealed class HangfireNotificationQueue(IBackgroundJobClient jobs) : INotificationQueue
{
    public string EnqueueAssignmentNotification(CaseId caseId, string userId) =>
        jobs.Enqueue<NotifyAssignedConsultantJob>(JobQueues.Default, job => job.RunAsync(caseId.Value, userId, CancellationToken.None));
}
