using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Commands.AssignConsultant;

[Authorize(Roles = Roles.Staff)]
public sealed record AssignConsultantCommand(Guid CaseId, string UserId) : ICommand;

public sealed class AssignConsultantCommandHandler(IApplicationDbContext db, IIdentityService identity, TimeProvider clock)
    : ICommandHandler<AssignConsultantCommand>
{
    public async ValueTask<Unit> Handle(AssignConsultantCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.Include(c => c.Assignments).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        var user = await identity.FindUserAsync(command.UserId, cancellationToken);
        if (user is null || user.Disabled || user.Role is not (Roles.Consultant or Roles.Admin))
        {
            throw new Common.Exceptions.ValidationException(nameof(command.UserId), "Only active consultants can be assigned to a case.");
        }

        incident.AssignConsultant(user.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class AssignConsultantCommandValidator : AbstractValidator<AssignConsultantCommand>
{
    public AssignConsultantCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.UserId).NotEmpty();
    }
}
