using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Yara;

namespace CaseManager.Application.Yara.Commands.SaveRuleSet;

/// <summary>
/// Creates a rule set (<paramref name="Id"/> null) or saves a new version of one. The source is compiled first; a
/// source that does not compile is refused with the compiler's message and line and nothing is saved. Global sets
/// (<paramref name="CaseId"/> null) are kept by admins, a case's sets by staff.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record SaveYaraRuleSetCommand(Guid? Id, Guid? CaseId, string Name, string Source) : ICommand<Guid>;

public sealed class SaveYaraRuleSetCommandHandler(IApplicationDbContext db, IYaraEngine yara, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SaveYaraRuleSetCommand, Guid>
{
    public async ValueTask<Guid> Handle(SaveYaraRuleSetCommand command, CancellationToken cancellationToken)
    {
        YaraRuleSet? set = null;
        var caseId = command.CaseId;
        if (command.Id is { } id)
        {
            set = await db.YaraRuleSets.Include(r => r.Versions).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new NotFoundException(nameof(YaraRuleSet), id);
            if (set.CaseId != command.CaseId)
            {
                throw new NotFoundException(nameof(YaraRuleSet), id);
            }
        }

        await YaraAccess.EnsureMayEditAsync(db, user, caseId, cancellationToken);

        var source = command.Source.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (YaraRuleText.NotText(source) is { } notText)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Source), notText);
        }

        var compiled = await yara.CompileAsync([new YaraRuleSource(command.Name, source)], cancellationToken);
        if (!compiled.Succeeded)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Source), YaraAccess.Describe(compiled.Errors));
        }

        var rules = YaraRuleText.CountRules(source);
        try
        {
            if (set is null)
            {
                set = YaraRuleSet.Create(command.Name, caseId, source, rules, user.AuditName, clock.GetUtcNow());
                db.YaraRuleSets.Add(set);
            }
            else
            {
                set.Rename(command.Name);
                set.Revise(source, rules, user.AuditName, clock.GetUtcNow());
            }
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Name), ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return set.Id;
    }
}

public sealed class SaveYaraRuleSetCommandValidator : AbstractValidator<SaveYaraRuleSetCommand>
{
    public SaveYaraRuleSetCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(YaraRuleSet.NameMaxLength);
        RuleFor(c => c.Source).NotEmpty().MaximumLength(YaraRuleSet.SourceMaxLength);
    }
}
