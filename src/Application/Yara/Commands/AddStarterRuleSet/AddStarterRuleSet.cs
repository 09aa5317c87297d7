using CaseManager.Domain.Identity;
using CaseManager.Domain.Yara;

namespace CaseManager.Application.Yara.Commands.AddStarterRuleSet;

/// <summary>
/// Adds the starter rules (miners such as XMRig, IRC bots, common Linux backdoors, ransomware notes; sources and
/// licences in the file's header) as a global rule set, or saves them as a new version of the existing starter set.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record AddStarterYaraRuleSetCommand : ICommand<Guid>;

public sealed class AddStarterYaraRuleSetCommandHandler(IApplicationDbContext db, IYaraStarterRules starter, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<AddStarterYaraRuleSetCommand, Guid>
{
    public const string Name = "CaseManager starter rules";

    public async ValueTask<Guid> Handle(AddStarterYaraRuleSetCommand command, CancellationToken cancellationToken)
    {
        var source = starter.Source;
        var existing = await db.YaraRuleSets.Include(r => r.Versions).FirstOrDefaultAsync(r => r.CaseId == null && r.Name == Name, cancellationToken);
        if (existing is null)
        {
            existing = YaraRuleSet.Create(Name, null, source, YaraRuleText.CountRules(source), user.AuditName, clock.GetUtcNow());
            db.YaraRuleSets.Add(existing);
        }
        else
        {
            existing.Revise(source, YaraRuleText.CountRules(source), user.AuditName, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return existing.Id;
    }
}
