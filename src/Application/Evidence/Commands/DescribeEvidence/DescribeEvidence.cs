using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.DescribeEvidence;

/// <summary>Records where evidence came from: the affected host (from the case's intake), who acquired it and when, notes.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record DescribeEvidenceCommand(Guid EvidenceId, Guid? HostId, string? AcquiredBy, DateTimeOffset? AcquiredAt, string? Notes) : ICommand;

public sealed class DescribeEvidenceCommandHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<DescribeEvidenceCommand>
{
    public async ValueTask<Unit> Handle(DescribeEvidenceCommand command, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(command.EvidenceId);
        var item = await db.Evidence.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(EvidenceItem), command.EvidenceId);
        if (command.HostId is { } hostId)
        {
            var hosts = await db.Intakes.Where(i => i.CaseId == item.CaseId).Select(i => i.Data).SingleOrDefaultAsync(cancellationToken);
            if (hosts is null || hosts.Hosts.All(h => h.Id != hostId))
            {
                throw new Common.Exceptions.ValidationException(nameof(command.HostId), "Choose a host from the case's intake.");
            }
        }

        if (command.AcquiredAt > clock.GetUtcNow())
        {
            throw new Common.Exceptions.ValidationException(nameof(command.AcquiredAt), "This date cannot lie in the future.");
        }

        item.Describe(command.HostId, command.AcquiredBy, command.AcquiredAt?.ToUniversalTime(), command.Notes);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class DescribeEvidenceCommandValidator : AbstractValidator<DescribeEvidenceCommand>
{
    public DescribeEvidenceCommandValidator()
    {
        RuleFor(c => c.AcquiredBy).MaximumLength(200);
        RuleFor(c => c.Notes).MaximumLength(EvidenceItem.NotesMaxLength);
    }
}
