using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Messages;
using CaseManager.Domain.Notifications;

namespace CaseManager.Application.Messages.Commands.PostCaseMessage;

/// <summary>
/// Posts a message to a case's thread, as a consultant (staff case page) or as a user of the case's client
/// organisation (portal; another organisation's case is "not found"). The other side is notified in the same
/// transaction: a client's message goes to the consultants assigned to the case (to every active staff member when
/// none is assigned yet), a consultant's message to every active user of the client organisation.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record PostCaseMessageCommand(Guid CaseId, string Body) : ICommand<Guid>;

public sealed class PostCaseMessageCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, TimeProvider clock)
    : ICommandHandler<PostCaseMessageCommand, Guid>
{
    public async ValueTask<Guid> Handle(PostCaseMessageCommand command, CancellationToken cancellationToken)
    {
        var fromClient = currentUser.IsInRole(Roles.Client);
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.AsNoTracking().Include(c => c.Assignments).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        if (fromClient && incident.ClientId != (currentUser.ClientId ?? throw new ForbiddenAccessException()))
        {
            throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        }

        var userId = currentUser.UserId ?? throw new ForbiddenAccessException();
        var names = await identity.DisplayNamesAsync([userId], cancellationToken);
        var now = clock.GetUtcNow();
        CaseMessage message;
        try
        {
            message = CaseMessage.Post(incident, userId, names.GetValueOrDefault(userId) ?? currentUser.AuditName, fromClient, command.Body, now);
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Body), ex.Message);
        }

        db.CaseMessages.Add(message);
        foreach (var recipient in await RecipientsAsync(incident, fromClient, userId, cancellationToken))
        {
            db.Notifications.Add(Notification.MessageReceived(recipient, incident, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return message.Id;
    }

    private async Task<IEnumerable<string>> RecipientsAsync(IncidentCase incident, bool fromClient, string author, CancellationToken cancellationToken)
    {
        var users = await identity.ListUsersAsync(cancellationToken);
        var active = users.Where(u => !u.Disabled && u.Id != author).ToList();
        if (!fromClient)
        {
            return active.Where(u => u.Role == Roles.Client && u.ClientId == incident.ClientId.Value).Select(u => u.Id);
        }

        var assigned = incident.Assignments.Select(a => a.UserId).ToHashSet(StringComparer.Ordinal);
        var staff = active.Where(u => u.Role is Roles.Admin or Roles.Consultant).ToList();
        var toAssigned = staff.Where(u => assigned.Contains(u.Id)).ToList();
        return (toAssigned.Count > 0 ? toAssigned : staff).Select(u => u.Id);
    }
}

public sealed class PostCaseMessageCommandValidator : AbstractValidator<PostCaseMessageCommand>
{
    public PostCaseMessageCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Body).NotEmpty().WithMessage("Write a message.")
            .MaximumLength(CaseMessage.BodyMaxLength).WithMessage("A message is at most 4,000 characters long.");
    }
}
