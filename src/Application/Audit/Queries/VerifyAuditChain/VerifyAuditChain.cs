using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Audit.Queries.VerifyAuditChain;

/// <summary>Walks the whole audit chain from its anchor and reports how many rows verify and where it first breaks.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record VerifyAuditChainQuery : IQuery<AuditChainReport>;

/// <summary>The result of a verification. <c>AnchorSequence</c>: rows up to it were pruned by the retention job (0: none).</summary>
public sealed record AuditChainReport(long Verified, long AnchorSequence, string AnchorHash, AuditChainBreak? Break, AuditEntryDto? BrokenRow)
{
    public bool Intact => Break is null;
}

public sealed class VerifyAuditChainQueryHandler(IApplicationDbContext db) : IQueryHandler<VerifyAuditChainQuery, AuditChainReport>
{
    public async ValueTask<AuditChainReport> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken) =>
        await AuditChain.VerifyAsync(db, long.MaxValue, cancellationToken);
}

/// <summary>Chain verification shared by the admin page and the retention job.</summary>
public static class AuditChain
{
    /// <summary>Verifies rows from the anchor up to <paramref name="throughSequence"/>, streaming.</summary>
    public static async Task<AuditChainReport> VerifyAsync(IApplicationDbContext db, long throughSequence, CancellationToken cancellationToken)
    {
        var anchor = await db.AuditAnchors.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var verifier = new AuditChainVerifier(anchor);
        AuditEntry? broken = null;
        await foreach (var row in db.AuditEntries.AsNoTracking().Where(e => e.Sequence <= throughSequence).OrderBy(e => e.Sequence).ThenBy(e => e.Id)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!verifier.Check(row))
            {
                broken = row;
                break;
            }
        }

        return new AuditChainReport(verifier.Verified, anchor?.Sequence ?? 0, anchor?.Hash ?? AuditEntry.GenesisHash, verifier.Break, broken is null ? null : AuditEntryDto.From(broken));
    }
}
