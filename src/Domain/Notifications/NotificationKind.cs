namespace CaseManager.Domain.Notifications;

public enum NotificationKind
{
    AssignedToCase = 0,

    /// <summary>A message arrived in the case's thread (from the client for staff, from a consultant for client users).</summary>
    MessageReceived = 1,

    /// <summary>Remediation items of the case assigned to the user are overdue.</summary>
    RemediationOverdue = 2,

    /// <summary>A re-collection still shows what the user's remediation items address.</summary>
    RemediationStillPresent = 3,

    /// <summary>A new version of the case's report was published (for the client organisation's users).</summary>
    ReportPublished = 4,
}
