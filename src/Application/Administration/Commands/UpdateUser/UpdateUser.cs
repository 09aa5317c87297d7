using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Administration.Commands.UpdateUser;

/// <summary>Changes a user's name, role, organisation, or disables the account (which also ends their sessions).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record UpdateUserCommand(string UserId, string DisplayName, string Role, Guid? ClientId, bool Disabled) : ICommand;

public sealed class UpdateUserCommandHandler(IApplicationDbContext db, IIdentityService identity, ICurrentUser currentUser, CaseManager.Application.Audit.IAuditLog audit) : ICommandHandler<UpdateUserCommand>
{
    public async ValueTask<Unit> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        if (command.UserId == currentUser.UserId && (command.Disabled || command.Role != Roles.Admin))
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Disabled), "You cannot disable yourself or remove your own admin role.");
        }

        await UserRules.EnsureClientExistsAsync(db, command.Role, command.ClientId, cancellationToken);
        var before = await identity.FindUserAsync(command.UserId, cancellationToken) ?? throw new NotFoundException("User", command.UserId);
        var clientId = command.Role == Roles.Client ? command.ClientId : null;
        await identity.UpdateUserAsync(command.UserId, command.DisplayName.Trim(), command.Role, clientId, command.Disabled, cancellationToken);
        var changes = new List<string>();
        if (before.DisplayName != command.DisplayName.Trim())
        {
            changes.Add($"name '{before.DisplayName}' → '{command.DisplayName.Trim()}'");
        }

        if (before.ClientId != clientId)
        {
            changes.Add($"client {before.ClientId?.ToString() ?? "-"} → {clientId?.ToString() ?? "-"}");
        }

        if (before.Disabled != command.Disabled)
        {
            changes.Add(command.Disabled ? "disabled" : "enabled");
        }

        if (before.Role != command.Role)
        {
            await audit.RecordAsync(Domain.Audit.AuditEventTypes.UserRoleChanged, "user:" + before.Email, $"role {before.Role} → {command.Role}", cancellationToken);
        }

        if (changes.Count > 0)
        {
            await audit.RecordAsync(Domain.Audit.AuditEventTypes.UserUpdated, "user:" + before.Email, string.Join("; ", changes), cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(100);
        UserRules.AddRoleRules(this, c => c.Role, c => c.ClientId);
    }
}
