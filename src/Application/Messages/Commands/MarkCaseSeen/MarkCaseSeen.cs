using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Messages;

namespace CaseManager.Application.Messages.Commands.MarkCaseSeen;

/// <summary>Records that the signed-in consultant looked at the case now (the dashboard's "since I last looked").</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record MarkCaseSeenCommand(Guid CaseId) : ICommand;

public sealed class MarkCaseSeenCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<MarkCaseSeenCommand>
{
    public async ValueTask<Unit> Handle(MarkCaseSeenCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new ForbiddenAccessException();
        var id = new CaseId(command.CaseId);
        var now = clock.GetUtcNow();
        var seen = await db.CaseLastSeen.SingleOrDefaultAsync(s => s.UserId == userId && s.CaseId == id, cancellationToken);
        if (seen is null)
        {
            if (!await db.Cases.AnyAsync(c => c.Id == id, cancellationToken))
            {
                throw new NotFoundException(nameof(IncidentCase), command.CaseId);
            }

            db.CaseLastSeen.Add(CaseLastSeen.First(userId, id, now));
        }
        else
        {
            seen.SeenAgain(now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (seen is null)
        {
            // The same user opened the case twice at once (two tabs): the other request recorded the visit.
        }

        return Unit.Value;
    }
}
