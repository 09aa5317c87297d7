using CaseManager.Application.Portal.Queries.ListMyCases;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.Portal.Queries.GetMyCaseOverview;

/// <summary>
/// What the client's case page shows beyond the case itself: where the intake stands and whether the consultants
/// take evidence uploads from the client. Another organisation's case is "not found".
/// </summary>
[Authorize(Roles = Roles.Client)]
public sealed record GetMyCaseOverviewQuery(Guid Id) : IQuery<MyCaseOverviewDto>;

/// <summary><c>IntakeStatus</c> is null while nobody has saved the intake yet.</summary>
public sealed record MyCaseOverviewDto(PortalCaseDto Case, IntakeStatus? IntakeStatus, DateTimeOffset? IntakeSubmittedAt, bool UploadsAllowed, int EvidenceCount);

public sealed class GetMyCaseOverviewQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, CaseManager.Application.Audit.IAuditLog audit)
    : IQueryHandler<GetMyCaseOverviewQuery, MyCaseOverviewDto>
{
    public async ValueTask<MyCaseOverviewDto> Handle(GetMyCaseOverviewQuery query, CancellationToken cancellationToken)
    {
        var clientId = currentUser.ClientId ?? throw new ForbiddenAccessException();
        var id = new CaseId(query.Id);
        var c = await db.Cases.AsNoTracking()
                    .Where(c => c.Id == id && c.ClientId == clientId)
                    .Select(c => new { Dto = new PortalCaseDto(c.Id.Value, c.Number.Value, c.Title, c.Severity, c.Tlp, c.Phase, c.ReportedAt, c.CreatedAt), c.ClientUploadsAllowed })
                    .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException(nameof(IncidentCase), query.Id);
        var intake = await db.Intakes.AsNoTracking()
            .Where(i => i.CaseId == id && i.ClientId == clientId && i.CurrentVersion > 0)
            .Select(i => new { i.Status, i.SubmittedAt })
            .SingleOrDefaultAsync(cancellationToken);
        var evidence = await db.Evidence.AsNoTracking().CountAsync(e => e.CaseId == id && e.ClientId == clientId, cancellationToken);
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.CaseViewedByClient, "case:" + query.Id, c.Dto.Number, cancellationToken);
        return new MyCaseOverviewDto(c.Dto, intake?.Status, intake?.SubmittedAt, c.ClientUploadsAllowed && c.Dto.Phase != CasePhase.Closed, evidence);
    }
}
