using CaseManager.Domain.Cases;

namespace CaseManager.Application.Common.Interfaces;

/// <summary>Queues the background job that tells a consultant about a new assignment.</summary>
public interface INotificationQueue
{
    string EnqueueAssignmentNotification(CaseId caseId, string userId);
}
