using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Commands.UnassignConsultant;

[Authorize(Roles = Roles.Staff)]
public sealed record UnassignConsultantCommand(Guid CaseId, string UserId) : ICommand;

public sealed class UnassignConsultantCommandHandler(IApplicationDbContext db) : ICommandHandler<UnassignConsultantCommand>
{
    public async ValueTask<Unit> Handle(UnassignConsultantCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.Include(c => c.Assignments).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        incident.UnassignConsultant(command.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
