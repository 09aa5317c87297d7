using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Commands.AllowClientUploads;

/// <summary>Lets (or stops) the client organisation's users upload evidence to the case.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record AllowClientUploadsCommand(Guid CaseId, bool Allowed) : ICommand;

public sealed class AllowClientUploadsCommandHandler(IApplicationDbContext db) : ICommandHandler<AllowClientUploadsCommand>
{
    public async ValueTask<Unit> Handle(AllowClientUploadsCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        incident.AllowClientUploads(command.Allowed);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
