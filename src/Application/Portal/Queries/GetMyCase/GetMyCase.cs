using CaseManager.Application.Portal.Queries.ListMyCases;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Portal.Queries.GetMyCase;

/// <summary>One case of the client user's organisation; any other organisation's case is "not found".</summary>
[Authorize(Roles = Roles.Client)]
public sealed record GetMyCaseQuery(Guid Id) : IQuery<PortalCaseDto>;

public sealed class GetMyCaseQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, CaseManager.Application.Audit.IAuditLog audit) : IQueryHandler<GetMyCaseQuery, PortalCaseDto>
{
    public async ValueTask<PortalCaseDto> Handle(GetMyCaseQuery query, CancellationToken cancellationToken)
    {
        var clientId = currentUser.ClientId ?? throw new ForbiddenAccessException();
        var id = new CaseId(query.Id);
        var found = await db.Cases.AsNoTracking()
                   .Where(c => c.Id == id && c.ClientId == clientId)
                   .Select(c => new PortalCaseDto(c.Id.Value, c.Number.Value, c.Title, c.Severity, c.Tlp, c.Phase, c.ReportedAt, c.CreatedAt))
                   .SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException(nameof(IncidentCase), query.Id);
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.CaseViewedByClient, "case:" + found.Id, found.Number, cancellationToken);
        return found;
    }
}
