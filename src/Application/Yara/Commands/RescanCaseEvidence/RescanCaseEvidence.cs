using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Yara.Commands.RescanCaseEvidence;

/// <summary>
/// After a rule change: queues a new analysis run (which includes the YARA scan) for every item of the case that YARA
/// scans. Each run replaces the item's previous findings, so old matches go and new ones come in one step per item;
/// items whose analysis is already queued or running are left to it (they scan with the rules of when they start).
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record RescanCaseEvidenceCommand(Guid CaseId) : ICommand<RescanResult>;

public sealed record RescanResult(int Queued, int AlreadyQueued);

public sealed class RescanCaseEvidenceCommandHandler(IApplicationDbContext db, IYaraEngine yara) : ICommandHandler<RescanCaseEvidenceCommand, RescanResult>
{
    public async ValueTask<RescanResult> Handle(RescanCaseEvidenceCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        }

        var items = await db.Evidence.Where(e => e.CaseId == caseId).ToListAsync(cancellationToken);
        int queued = 0, busy = 0;
        foreach (var item in items.Where(i => yara.Scans(i.Kind)))
        {
            if (item.AnalysisStatus is AnalysisStatus.Queued or AnalysisStatus.Running)
            {
                busy++;
                continue;
            }

            item.RequestAnalysis();
            queued++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RescanResult(queued, busy);
    }
}
