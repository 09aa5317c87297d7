using System.ComponentModel;
using CaseManager.Application.Notifications.Commands.NotifyAssignedConsultant;
using Hangfire;
using Mediator;

namespace CaseManager.Infrastructure.BackgroundJobs;

/// <summary>Puts "you were assigned to case X" into the consultant's inbox. Re-entrant: a retry does not notify twice.</summary>
public sealed class NotifyAssignedConsultantJob(ISender sender, JobContext jobContext)
{
    [AutomaticRetry(Attempts = 3)]
    [DisplayName("Notify {1} of assignment to case {0}")]
    [Queue(JobQueues.Default)]
    public async Task RunAsync(Guid caseId, string userId, CancellationToken cancellationToken)
    {
        jobContext.RunAsSystem();
        await sender.Send(new NotifyAssignedConsultantCommand(caseId, userId), cancellationToken);
    }
}
