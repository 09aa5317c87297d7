using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Portal.Queries.ListMyEvidence;

/// <summary>What the client organisation handed over for one of its cases: names, sizes and hashes (no analysis results).</summary>
[Authorize(Roles = Roles.Client)]
public sealed record ListMyEvidenceQuery(Guid CaseId) : IQuery<MyEvidenceDto>;

public sealed record MyEvidenceDto(Guid CaseId, string CaseNumber, bool UploadsAllowed, IReadOnlyList<MyEvidenceItemDto> Items);

public sealed record MyEvidenceItemDto(string OriginalName, long Size, string Sha256, DateTimeOffset ReceivedAt);

public sealed class ListMyEvidenceQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListMyEvidenceQuery, MyEvidenceDto>
{
    public async ValueTask<MyEvidenceDto> Handle(ListMyEvidenceQuery query, CancellationToken cancellationToken)
    {
        var clientId = currentUser.ClientId ?? throw new ForbiddenAccessException();
        var caseId = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId && c.ClientId == clientId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        var items = await db.Evidence.AsNoTracking()
            .Where(e => e.CaseId == caseId && e.ClientId == clientId)
            .OrderByDescending(e => e.Id)
            .Select(e => new MyEvidenceItemDto(e.OriginalName, e.Size, e.Sha256, e.CreatedAt))
            .ToListAsync(cancellationToken);
        return new MyEvidenceDto(query.CaseId, incident.Number.Value, incident.ClientUploadsAllowed && incident.Phase != CasePhase.Closed, items);
    }
}
