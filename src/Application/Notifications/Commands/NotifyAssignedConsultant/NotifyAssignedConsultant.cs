using CaseManager.Domain.Cases;
using CaseManager.Domain.Notifications;

namespace CaseManager.Application.Notifications.Commands.NotifyAssignedConsultant;

/// <summary>Sent by the background job: puts "you were assigned" into the consultant's inbox, once.</summary>
[SystemRequest]
public sealed record NotifyAssignedConsultantCommand(Guid CaseId, string UserId) : ICommand;

public sealed class NotifyAssignedConsultantCommandHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<NotifyAssignedConsultantCommand>
{
    public async ValueTask<Unit> Handle(NotifyAssignedConsultantCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);

        // Re-entrant: a retried job must not notify twice.
        var exists = await db.Notifications.AnyAsync(
            n => n.UserId == command.UserId && n.CaseId == id && n.Kind == NotificationKind.AssignedToCase, cancellationToken);
        if (!exists)
        {
            db.Notifications.Add(Notification.AssignedToCase(command.UserId, incident, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
