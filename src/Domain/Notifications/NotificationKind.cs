namespace CaseManager.Domain.Notifications;

public enum NotificationKind
{
    AssignedToCase = 0,
    RemediationOverdue = 1,
    RemediationStillPresent = 2,
}
