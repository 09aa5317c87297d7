using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Timeline.Commands.RemoveTimelineEvent;

/// <summary>Removes a manually entered timeline event (the activity feed keeps who removed what).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record RemoveTimelineEventCommand(Guid CaseId, Guid EventId) : ICommand;

public sealed class RemoveTimelineEventCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock, CaseManager.Application.Audit.IAuditLog audit)
    : ICommandHandler<RemoveTimelineEventCommand>
{
    public async ValueTask<Unit> Handle(RemoveTimelineEventCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        }

        var recorded = await db.TimelineEvents.SingleOrDefaultAsync(e => e.Id == command.EventId && e.CaseId == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(ManualTimelineEvent), command.EventId);
        db.TimelineEvents.Remove(recorded);
        db.Activity.Add(new CaseActivity(caseId, CaseActivityKind.TimelineEventRemoved, recorded.Description, currentUser.AuditName, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.Deleted, $"case:{command.CaseId}", $"timeline event {command.EventId}: {recorded.Description}", cancellationToken);
        return Unit.Value;
    }
}
