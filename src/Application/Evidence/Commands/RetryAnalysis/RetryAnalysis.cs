using CaseManager.Domain.Common;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.RetryAnalysis;

/// <summary>Queues the analysis of an item again (after a failure, or to re-run it).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record RetryEvidenceAnalysisCommand(Guid EvidenceId) : ICommand;

public sealed class RetryEvidenceAnalysisCommandHandler(IApplicationDbContext db) : ICommandHandler<RetryEvidenceAnalysisCommand>
{
    public async ValueTask<Unit> Handle(RetryEvidenceAnalysisCommand command, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(command.EvidenceId);
        var item = await db.Evidence.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(EvidenceItem), command.EvidenceId);
        try
        {
            item.RequestAnalysis();
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(string.Empty, ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
