using System.Globalization;
using CaseManager.Application.Audit.Queries.VerifyAuditChain;
using CaseManager.Domain.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseManager.Application.Audit.Commands.PruneAuditLog;

/// <summary>
/// Retention: deletes the rows older than <see cref="AuditOptions.RetentionDays"/> from the front of the chain and keeps
/// the last deleted row's sequence and hash as the anchor, so the remaining rows still verify. Refuses (and logs) when the
/// rows to delete do not verify themselves: pruning must never hide a break.
/// </summary>
[SystemRequest]
public sealed record PruneAuditLogCommand : ICommand<PruneAuditLogResult>;

public sealed record PruneAuditLogResult(long Deleted, long AnchorSequence, bool RefusedBecauseBroken);

public sealed class PruneAuditLogCommandHandler(IApplicationDbContext db, IAuditLog audit, IOptions<AuditOptions> options, TimeProvider clock, ILogger<PruneAuditLogCommandHandler> logger)
    : ICommandHandler<PruneAuditLogCommand, PruneAuditLogResult>
{
    public async ValueTask<PruneAuditLogResult> Handle(PruneAuditLogCommand command, CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        var anchor = await db.AuditAnchors.SingleOrDefaultAsync(cancellationToken);
        if (days <= 0)
        {
            return new PruneAuditLogResult(0, anchor?.Sequence ?? 0, false);
        }

        var cutoff = clock.GetUtcNow().AddDays(-days);
        // Only a prefix of the chain is ever removed: up to the first row that is still within the retention period
        // (a row written by a process with a slow clock never takes newer rows with it).
        var firstKept = await db.AuditEntries.Where(e => e.At >= cutoff).MinAsync(e => (long?)e.Sequence, cancellationToken);
        var last = await db.AuditEntries.Where(e => e.At < cutoff && (firstKept == null || e.Sequence < firstKept))
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return new PruneAuditLogResult(0, anchor?.Sequence ?? 0, false);
        }

        var check = await AuditChain.VerifyAsync(db, last.Sequence, cancellationToken);
        if (!check.Intact)
        {
            logger.LogError("Audit log not pruned: the chain breaks at sequence {Sequence} ({Reason})", check.Break!.Sequence, check.Break.Reason);
            return new PruneAuditLogResult(0, anchor?.Sequence ?? 0, true);
        }

        long deleted = 0;
        await db.InTransactionAsync(
            async () =>
            {
                if (anchor is null)
                {
                    anchor = AuditChainAnchor.Start();
                    db.AuditAnchors.Add(anchor);
                }

                deleted = await db.AuditEntries.Where(e => e.Sequence <= last.Sequence).ExecuteDeleteAsync(cancellationToken);
                anchor.MoveTo(last, deleted, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);

        await audit.RecordAsync(
            new AuditEvent(AuditEventTypes.AuditPruned, "audit", string.Create(CultureInfo.InvariantCulture, $"{deleted} rows older than {days} days deleted; chain anchored at sequence {last.Sequence}, hash {last.Hash}"))
            {
                Actor = "system",
            },
            cancellationToken);
        return new PruneAuditLogResult(deleted, last.Sequence, false);
    }
}
