using CaseManager.Domain.Cases.Events;

namespace CaseManager.Application.Cases.EventHandlers;

/// <summary>Tells the assigned consultant in the background, after the assignment is saved.</summary>
public sealed class QueueNotificationWhenConsultantAssigned(INotificationQueue queue) : INotificationHandler<ConsultantAssigned>
{
    public ValueTask Handle(ConsultantAssigned notification, CancellationToken cancellationToken)
    {
        queue.EnqueueAssignmentNotification(notification.CaseId, notification.UserId);
        return ValueTask.CompletedTask;
    }
}
