using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Timeline.Commands.AddTimelineEvent;

/// <summary>Records an event a consultant learnt (time in UTC, host, what happened, ATT&amp;CK tactic) on the case timeline.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record AddTimelineEventCommand(Guid CaseId, DateTimeOffset? OccurredAt, string? Host, string? Description, AttackTactic? Tactic) : ICommand<Guid>;

public sealed class AddTimelineEventCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddTimelineEventCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddTimelineEventCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        }

        var now = clock.GetUtcNow();
        ManualTimelineEvent recorded;
        try
        {
            recorded = ManualTimelineEvent.Record(caseId, command.OccurredAt!.Value, command.Host, command.Description ?? string.Empty, command.Tactic,
                currentUser.AuditName, now);
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.OccurredAt), ex.Message);
        }

        db.TimelineEvents.Add(recorded);
        db.Activity.Add(new CaseActivity(caseId, CaseActivityKind.TimelineEventAdded, recorded.Description, currentUser.AuditName, now));
        await db.SaveChangesAsync(cancellationToken);
        return recorded.Id;
    }
}

public sealed class AddTimelineEventCommandValidator : AbstractValidator<AddTimelineEventCommand>
{
    public AddTimelineEventCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.OccurredAt).Cascade(CascadeMode.Stop).NotNull().WithMessage("Give the time the event happened (UTC).")
            .Must(t => t >= ManualTimelineEvent.Earliest).WithMessage("The event's time lies before 1990.")
            .Must(t => t <= clock.GetUtcNow()).WithMessage("The event's time lies in the future.");
        RuleFor(c => c.Description).NotEmpty().WithMessage("Say what happened.")
            .MaximumLength(ManualTimelineEvent.DescriptionMaxLength);
        RuleFor(c => c.Host).MaximumLength(ManualTimelineEvent.HostMaxLength);
        RuleFor(c => c.Tactic).IsInEnum().WithMessage("Unknown ATT&CK tactic.");
    }
}
