using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Administration.Commands.SetTwoFactorRequirement;

/// <summary>
/// Sets which staff roles must use two-factor sign-in. Members of those roles who have not enrolled are sent to enrolment
/// before anything else on their next request.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record SetTwoFactorRequirementCommand(bool Admins, bool Consultants) : ICommand;

public sealed class SetTwoFactorRequirementCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IAuditLog audit, ITwoFactorPolicy policy, TimeProvider clock)
    : ICommandHandler<SetTwoFactorRequirementCommand>
{
    public async ValueTask<Unit> Handle(SetTwoFactorRequirementCommand command, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        if (command.Admins)
        {
            roles.Add(Roles.Admin);
        }

        if (command.Consultants)
        {
            roles.Add(Roles.Consultant);
        }

        var value = string.Join(',', roles);
        var setting = await db.SecuritySettings.SingleOrDefaultAsync(s => s.Key == SecuritySetting.TwoFactorRequiredRolesKey, cancellationToken);
        var before = setting?.Value ?? string.Empty;
        if (setting is null)
        {
            db.SecuritySettings.Add(SecuritySetting.Create(SecuritySetting.TwoFactorRequiredRolesKey, value, currentUser.AuditName, clock.GetUtcNow()));
        }
        else
        {
            setting.Change(value, currentUser.AuditName, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        policy.Invalidate();
        if (before != value)
        {
            await audit.RecordAsync(AuditEventTypes.TwoFactorRequirementChanged, "setting:" + SecuritySetting.TwoFactorRequiredRolesKey,
                $"required for: [{before}] → [{value}]", cancellationToken);
        }

        return Unit.Value;
    }
}
