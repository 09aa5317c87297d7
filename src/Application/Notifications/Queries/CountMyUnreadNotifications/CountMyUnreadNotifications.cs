using CaseManager.Domain.Identity;

namespace CaseManager.Application.Notifications.Queries.CountMyUnreadNotifications;

/// <summary>How many of the caller's notifications are unread: the badge beside every page's navigation link.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record CountMyUnreadNotificationsQuery : IQuery<int>;

/// <remarks>
/// A count in the database: every page shows it, and reading the rows (up to 200) only to count them cost each page.
/// A cookie's request has it already: the session check read it in the same statement (<see cref="UnreadNotificationsOfRequest"/>).
/// </remarks>
public sealed class CountMyUnreadNotificationsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, UnreadNotificationsOfRequest prefetched)
    : IQueryHandler<CountMyUnreadNotificationsQuery, int>
{
    public async ValueTask<int> Handle(CountMyUnreadNotificationsQuery query, CancellationToken cancellationToken) =>
        prefetched.Count ?? await db.Notifications.CountAsync(n => n.UserId == currentUser.UserId && n.ReadAt == null, cancellationToken);
}
