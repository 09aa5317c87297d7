using CaseManager.Domain.Classification;
using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Notifications;
using CaseManager.Domain.Remediation;
using ValidationException = CaseManager.Application.Common.Exceptions.ValidationException;

namespace CaseManager.Application.Remediation.Commands;

/// <summary>
/// Changes an item's status with a note, a reason (needed for won't do and for jumps that skip steps) and a proof text.
/// A client user only reaches the items assigned to their organisation (tenant filter: others are "not found") and
/// never verifies.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record UpdateRemediationItemCommand(Guid ItemId, RemediationStatus Status, string? Note, string? Reason, string? Proof) : ICommand;

public sealed class UpdateRemediationItemCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<UpdateRemediationItemCommand>
{
    public async ValueTask<Unit> Handle(UpdateRemediationItemCommand command, CancellationToken cancellationToken)
    {
        var item = await db.RemediationItems.SingleOrDefaultAsync(i => i.Id == command.ItemId, cancellationToken)
            ?? throw new NotFoundException(nameof(RemediationItem), command.ItemId);
        var staff = currentUser.IsInRole(Roles.Admin) || currentUser.IsInRole(Roles.Consultant);
        var from = item.Status;
        try
        {
            item.ChangeStatus(command.Status, command.Note, command.Reason, command.Proof, staff, currentUser.AuditName, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            var property = ex.Message.Contains("proof", StringComparison.OrdinalIgnoreCase) ? nameof(command.Proof)
                : ex.Message.Contains("note", StringComparison.OrdinalIgnoreCase) ? nameof(command.Note)
                : ex.Message.Contains("reason", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("skips", StringComparison.OrdinalIgnoreCase) ? nameof(command.Reason)
                : nameof(command.Status);
            throw new ValidationException(property, ex.Message);
        }

        if (item.TimelineEntryFor(from, string.IsNullOrWhiteSpace(command.Reason) ? command.Note : command.Reason) is { } entry)
        {
            db.Timeline.Add(entry);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class UpdateRemediationItemCommandValidator : AbstractValidator<UpdateRemediationItemCommand>
{
    public UpdateRemediationItemCommandValidator()
    {
        RuleFor(c => c.ItemId).NotEmpty();
        RuleFor(c => c.Status).IsInEnum().WithMessage("Unknown status.");
        RuleFor(c => c.Note).MaximumLength(RemediationItem.NoteMaxLength).WithMessage("The note is at most 2000 characters.");
        RuleFor(c => c.Reason).MaximumLength(RemediationItem.ReasonMaxLength).WithMessage("The reason is at most 1000 characters.");
        RuleFor(c => c.Proof).MaximumLength(RemediationItem.ProofMaxLength)
            .WithMessage("The proof is at most 4000 characters; attach longer output as evidence.");
    }
}

/// <summary>Assigns an item to a consultant or to a user of the case's client organisation (nobody else), with a due date.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record AssignRemediationItemCommand(Guid ItemId, string? AssigneeUserId, DateOnly? DueOn) : ICommand;

public sealed class AssignRemediationItemCommandHandler(IApplicationDbContext db, IIdentityService identity, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AssignRemediationItemCommand>
{
    public async ValueTask<Unit> Handle(AssignRemediationItemCommand command, CancellationToken cancellationToken)
    {
        var item = await db.RemediationItems.SingleOrDefaultAsync(i => i.Id == command.ItemId, cancellationToken)
            ?? throw new NotFoundException(nameof(RemediationItem), command.ItemId);
        if (string.IsNullOrWhiteSpace(command.AssigneeUserId))
        {
            item.Assign(null, null, false, command.DueOn, currentUser.AuditName, clock.GetUtcNow());
        }
        else
        {
            var user = await identity.FindUserAsync(command.AssigneeUserId, cancellationToken);
            var allowed = user is { Disabled: false }
                && (user.Role is Roles.Admin or Roles.Consultant || (user.Role == Roles.Client && user.ClientId == item.ClientId.Value));
            if (!allowed)
            {
                throw new ValidationException(nameof(command.AssigneeUserId), "The assignee must be a consultant or a user of this case's client organisation.");
            }

            item.Assign(user!.Id, user.DisplayName, user.Role == Roles.Client, command.DueOn, currentUser.AuditName, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The result of editing a playbook: the new version and how many cases keep an older one.</summary>
public sealed record PlaybookEdited(int Version, int CasesOnOlderVersions);

/// <summary>
/// An administrator edits a type's playbook. Versions are never changed: the edit is saved as a new version (a fork).
/// Cases already given a version keep it. An edit based on a version that is no longer the current one is refused, so
/// nobody overwrites another administrator's newer version.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record EditPlaybookCommand(IncidentType Type, int BasedOnVersion, IReadOnlyList<PlaybookStep> Steps) : ICommand<PlaybookEdited>;

public sealed class EditPlaybookCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<EditPlaybookCommand, PlaybookEdited>
{
    public async ValueTask<PlaybookEdited> Handle(EditPlaybookCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = await RemediationPlanner.CurrentAsync(db, command.Type, now, cancellationToken);
        var version = current?.Version ?? 0;
        if (command.BasedOnVersion != version)
        {
            throw new ValidationException(nameof(command.BasedOnVersion), "Someone saved a newer version of this playbook meanwhile: nothing was saved; reload the playbook and edit again.");
        }

        PlaybookTemplate template;
        try
        {
            template = PlaybookTemplate.Create(command.Type, version + 1, command.Steps, RemediationPlanner.Serialise, currentUser.AuditName, now);
        }
        catch (DomainException ex)
        {
            throw new ValidationException(nameof(command.Steps), ex.Message);
        }

        db.Playbooks.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        var prefix = $"playbook:{command.Type.Key()}:";
        var cases = await db.RemediationItems.Where(i => i.Source == RemediationSource.Playbook && i.TargetKey.StartsWith(prefix) && i.PlaybookVersion < template.Version)
            .Select(i => i.CaseId).Distinct().CountAsync(cancellationToken);
        return new PlaybookEdited(template.Version, cases);
    }
}

/// <summary>Sent by the recurring job: tells each assignee once about their items past the due date.</summary>
[SystemRequest]
public sealed record NotifyOverdueRemediationCommand : ICommand<int>;

public sealed class NotifyOverdueRemediationCommandHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<NotifyOverdueRemediationCommand, int>
{
    public async ValueTask<int> Handle(NotifyOverdueRemediationCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var overdue = await db.RemediationItems
            .Where(i => i.AssigneeUserId != null && i.DueOn != null && i.DueOn < today && i.OverdueNotifiedAt == null
                && (i.Status == RemediationStatus.Open || i.Status == RemediationStatus.InProgress))
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var group in overdue.GroupBy(i => (i.AssigneeUserId!, i.CaseId)))
        {
            var incident = await db.Cases.SingleAsync(c => c.Id == group.Key.CaseId, cancellationToken);
            db.Notifications.Add(Notification.AboutCase(group.Key.Item1, NotificationKind.RemediationOverdue, incident, now));
            sent++;
            foreach (var item in group)
            {
                item.MarkOverdueNotified(now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }
}
