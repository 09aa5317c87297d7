namespace CaseManager.Domain.Notifications;

public enum NotificationKind
{
    AssignedToCase = 0,

    /// <summary>A message arrived in the case's thread (from the client for staff, from a consultant for client users).</summary>
    MessageReceived = 1,
}
