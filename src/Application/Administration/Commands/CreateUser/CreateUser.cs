using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Administration.Commands.CreateUser;

[Authorize(Roles = Roles.Admin)]
public sealed record CreateUserCommand(string Email, string DisplayName, string Password, string Role, Guid? ClientId) : ICommand<string>;

public sealed class CreateUserCommandHandler(IApplicationDbContext db, IIdentityService identity, CaseManager.Application.Audit.IAuditLog audit) : ICommandHandler<CreateUserCommand, string>
{
    public async ValueTask<string> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        await UserRules.EnsureClientExistsAsync(db, command.Role, command.ClientId, cancellationToken);
        var clientId = command.Role == Roles.Client ? command.ClientId : null;
        var id = await identity.CreateUserAsync(
            new NewUser(command.Email.Trim(), command.DisplayName.Trim(), command.Password, command.Role, clientId),
            cancellationToken);
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.UserCreated, "user:" + command.Email.Trim(),
            $"role {command.Role}{(clientId is { } c ? ", client " + c : string.Empty)}", cancellationToken);
        return id;
    }
}

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Password).NotEmpty();
        UserRules.AddRoleRules(this, c => c.Role, c => c.ClientId);
    }
}

internal static class UserRules
{
    public static void AddRoleRules<T>(AbstractValidator<T> validator, Func<T, string> role, Func<T, Guid?> clientId)
    {
        validator.RuleFor(c => role(c)).Must(r => Roles.All.Contains(r))
            .WithName("Role").OverridePropertyName("Role").WithMessage("Choose a role: Admin, Consultant or Client.");
        validator.RuleFor(c => clientId(c)).Must(id => id is not null && id != Guid.Empty)
            .When(c => role(c) == Roles.Client)
            .WithName("ClientId").OverridePropertyName("ClientId").WithMessage("A client user must belong to a client organisation.");
    }

    public static async Task EnsureClientExistsAsync(IApplicationDbContext db, string role, Guid? clientId, CancellationToken cancellationToken)
    {
        if (role == Roles.Client && clientId is { } id && !await db.Clients.AnyAsync(c => c.Id == new ClientId(id), cancellationToken))
        {
            throw new Common.Exceptions.ValidationException("ClientId", "That client organisation does not exist.");
        }
    }
}
