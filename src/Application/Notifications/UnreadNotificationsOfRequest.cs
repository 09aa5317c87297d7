namespace CaseManager.Application.Notifications;

/// <summary>
/// The caller's unread-notification count as read together with the session check at the start of the request (one
/// statement for both; every page shows the count beside its navigation link). Forgotten as soon as the request saves a
/// change to a notification, so a page that marks notifications read shows the new count.
/// </summary>
public sealed class UnreadNotificationsOfRequest
{
    public int? Count { get; private set; }

    public void Prefetched(int count) => Count = count;

    public void Forget() => Count = null;
}
