using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>Revokes one of the signed-in user's keys; it stops working on its next request. Other users' keys are not found.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand;

public sealed class RevokeApiKeyCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock, CaseManager.Application.Audit.IAuditLog audit) : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId;
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id && k.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(nameof(ApiKey), command.Id);
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.ApiKeyRevoked, "apikey:" + key.Id, $"'{key.Name}' ({key.Prefix}…)", cancellationToken);
        return Unit.Value;
    }
}
