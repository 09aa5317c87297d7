using CaseManager.Domain.Identity;
using CaseManager.Domain.Yara;

namespace CaseManager.Application.Yara.Commands.EnableRuleSet;

/// <summary>Turns a rule set on or off for future scans (global sets: admins; a case's sets: staff).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record EnableYaraRuleSetCommand(Guid Id, Guid? CaseId, bool Enabled) : ICommand;

public sealed class EnableYaraRuleSetCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<EnableYaraRuleSetCommand>
{
    public async ValueTask<Unit> Handle(EnableYaraRuleSetCommand command, CancellationToken cancellationToken)
    {
        var set = await db.YaraRuleSets.SingleOrDefaultAsync(r => r.Id == command.Id && r.CaseId == command.CaseId, cancellationToken)
            ?? throw new NotFoundException(nameof(YaraRuleSet), command.Id);
        await YaraAccess.EnsureMayEditAsync(db, user, set.CaseId, cancellationToken);
        set.Enable(command.Enabled, user.AuditName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
