using CaseManager.Domain.Identity;

namespace CaseManager.Application.Notifications.Queries.CountMyUnreadNotifications;

/// <summary>How many of the caller's notifications are unread: the badge beside every page's navigation link.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record CountMyUnreadNotificationsQuery : IQuery<int>;

/// <remarks>A count in the database: every page shows it, and reading the rows (up to 200) only to count them cost each page.</remarks>
public sealed class CountMyUnreadNotificationsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<CountMyUnreadNotificationsQuery, int>
{
    public async ValueTask<int> Handle(CountMyUnreadNotificationsQuery query, CancellationToken cancellationToken) =>
        await db.Notifications.CountAsync(n => n.UserId == currentUser.UserId && n.ReadAt == null, cancellationToken);
}
