using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Notifications;

/// <summary>An in-app message for one user, e.g. "you were assigned to IR-2026-0042".</summary>
public sealed class Notification : Entity<Guid>, IAggregateRoot
{
    private Notification()
    {
    }

    public string UserId { get; private set; } = string.Empty;

    public NotificationKind Kind { get; private set; }

    public CaseId CaseId { get; private set; }

    public string CaseNumber { get; private set; } = string.Empty;

    public string CaseTitle { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public static Notification AssignedToCase(string userId, IncidentCase incident, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Kind = NotificationKind.AssignedToCase,
        CaseId = incident.Id,
        CaseNumber = incident.Number.Value,
        CaseTitle = incident.Title,
        CreatedAt = now,
    };

    public static Notification MessageReceived(string userId, IncidentCase incident, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Kind = NotificationKind.MessageReceived,
        CaseId = incident.Id,
        CaseNumber = incident.Number.Value,
        CaseTitle = incident.Title,
        CreatedAt = now,
    };

    /// <summary>A message about a case of another <paramref name="kind"/> (remediation items overdue or still present).</summary>
    public static Notification AboutCase(string userId, NotificationKind kind, IncidentCase incident, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Kind = kind,
        CaseId = incident.Id,
        CaseNumber = incident.Number.Value,
        CaseTitle = incident.Title,
        CreatedAt = now,
    };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
