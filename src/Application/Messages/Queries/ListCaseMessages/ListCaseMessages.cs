using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Messages.Queries.ListCaseMessages;

/// <summary>
/// A case's message thread, oldest first. Staff see any case's thread; a client user only their organisation's
/// (another organisation's case is "not found"). Reading the thread marks the reader's message notifications of
/// that case as read.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record ListCaseMessagesQuery(Guid CaseId) : IQuery<IReadOnlyList<CaseMessageDto>>;

public sealed record CaseMessageDto(Guid Id, string AuthorName, bool FromClient, bool Mine, string Body, DateTimeOffset SentAt);

public sealed class ListCaseMessagesQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<ListCaseMessagesQuery, IReadOnlyList<CaseMessageDto>>
{
    /// <summary>The newest messages shown; a thread longer than this shows its latest part.</summary>
    public const int MaxMessages = 500;

    public async ValueTask<IReadOnlyList<CaseMessageDto>> Handle(ListCaseMessagesQuery query, CancellationToken cancellationToken)
    {
        var id = new CaseId(query.CaseId);
        var visible = db.Cases.AsNoTracking().Where(c => c.Id == id);
        if (currentUser.IsInRole(Roles.Client))
        {
            var clientId = currentUser.ClientId ?? throw new ForbiddenAccessException();
            visible = visible.Where(c => c.ClientId == clientId);
        }

        if (!await visible.AnyAsync(cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        var me = currentUser.UserId;
        var rows = await db.CaseMessages.AsNoTracking()
            .Where(m => m.CaseId == id)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .Take(MaxMessages)
            .ToListAsync(cancellationToken);

        var unread = await db.Notifications
            .Where(n => n.UserId == me && n.CaseId == id && n.Kind == Domain.Notifications.NotificationKind.MessageReceived && n.ReadAt == null)
            .ToListAsync(cancellationToken);
        if (unread.Count > 0)
        {
            var now = clock.GetUtcNow();
            unread.ForEach(n => n.MarkRead(now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return rows.AsEnumerable().Reverse()
            .Select(m => new CaseMessageDto(m.Id, m.AuthorName, m.FromClient, m.AuthorId == me, m.Body, m.SentAt))
            .ToList();
    }
}
