using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.OverrideKind;

/// <summary>Corrects the detected kind (recorded in the chain of custody); the item is analysed again.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record OverrideEvidenceKindCommand(Guid EvidenceId, EvidenceKind Kind) : ICommand;

public sealed class OverrideEvidenceKindCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<OverrideEvidenceKindCommand>
{
    public async ValueTask<Unit> Handle(OverrideEvidenceKindCommand command, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(command.EvidenceId);
        var item = await db.Evidence.Include(e => e.Custody).SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(EvidenceItem), command.EvidenceId);
        item.OverrideKind(command.Kind, currentUser.AuditName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class OverrideEvidenceKindCommandValidator : AbstractValidator<OverrideEvidenceKindCommand>
{
    public OverrideEvidenceKindCommandValidator() => RuleFor(c => c.Kind).IsInEnum();
}
