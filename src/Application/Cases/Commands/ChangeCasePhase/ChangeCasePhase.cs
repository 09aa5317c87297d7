using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Commands.ChangeCasePhase;

[Authorize(Roles = Roles.Staff)]
public sealed record ChangeCasePhaseCommand(Guid CaseId, CasePhase To, string? Comment) : ICommand;

public sealed class ChangeCasePhaseCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ChangeCasePhaseCommand>
{
    public async ValueTask<Unit> Handle(ChangeCasePhaseCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        try
        {
            incident.ChangePhase(command.To, command.Comment, currentUser.AuditName, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.To), ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class ChangeCasePhaseCommandValidator : AbstractValidator<ChangeCasePhaseCommand>
{
    public ChangeCasePhaseCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.To).IsInEnum();
        RuleFor(c => c.Comment).MaximumLength(PhaseChange.CommentMaxLength);
    }
}
