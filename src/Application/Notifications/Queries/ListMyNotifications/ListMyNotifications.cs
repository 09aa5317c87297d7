using CaseManager.Domain.Identity;
using CaseManager.Domain.Notifications;

namespace CaseManager.Application.Notifications.Queries.ListMyNotifications;

[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record ListMyNotificationsQuery(bool UnreadOnly = false) : IQuery<IReadOnlyList<NotificationDto>>;

public sealed record NotificationDto(Guid Id, NotificationKind Kind, Guid CaseId, string CaseNumber, string CaseTitle, DateTimeOffset CreatedAt, bool IsRead);

public sealed class ListMyNotificationsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListMyNotificationsQuery, IReadOnlyList<NotificationDto>>
{
    public async ValueTask<IReadOnlyList<NotificationDto>> Handle(ListMyNotificationsQuery query, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == currentUser.UserId);
        if (query.UnreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        var rows = await mine.OrderByDescending(n => n.Id).Take(200).ToListAsync(cancellationToken);
        return rows.Select(n => new NotificationDto(n.Id, n.Kind, n.CaseId.Value, n.CaseNumber, n.CaseTitle, n.CreatedAt, n.ReadAt is not null)).ToList();
    }
}
