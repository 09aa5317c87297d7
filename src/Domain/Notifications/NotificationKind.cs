namespace CaseManager.Domain.Notifications;

public enum NotificationKind
{
    AssignedToCase = 0,
}
