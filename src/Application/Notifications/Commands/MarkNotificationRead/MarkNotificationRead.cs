using CaseManager.Domain.Identity;
using CaseManager.Domain.Notifications;

namespace CaseManager.Application.Notifications.Commands.MarkNotificationRead;

[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record MarkNotificationReadCommand(Guid Id) : ICommand;

public sealed class MarkNotificationReadCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<MarkNotificationReadCommand>
{
    public async ValueTask<Unit> Handle(MarkNotificationReadCommand command, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == command.Id && n.UserId == currentUser.UserId, cancellationToken)
            ?? throw new NotFoundException(nameof(Notification), command.Id);
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
