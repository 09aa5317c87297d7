using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Queries.GetCaseDetails;

[Authorize(Roles = Roles.Staff)]
public sealed record GetCaseDetailsQuery(Guid Id) : IQuery<CaseDetailsDto>;

public sealed record CaseDetailsDto(
    Guid Id,
    string Number,
    string Title,
    string? Description,
    Guid ClientId,
    string ClientName,
    Severity Severity,
    TrafficLightProtocol Tlp,
    CasePhase Phase,
    DateTimeOffset? DetectedAt,
    DateTimeOffset? ReportedAt,
    DateTimeOffset? EngagedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset UpdatedAt,
    string? UpdatedBy,
    IReadOnlyList<AssignedConsultantDto> Consultants,
    IReadOnlyList<PhaseChangeDto> History,
    bool ClientUploadsAllowed);

public sealed record AssignedConsultantDto(string UserId, string DisplayName, DateTimeOffset AssignedAt);

public sealed record PhaseChangeDto(CasePhase? From, CasePhase To, string ChangedBy, DateTimeOffset ChangedAt, string? Comment);

public sealed class GetCaseDetailsQueryHandler(IApplicationDbContext db, IIdentityService identity) : IQueryHandler<GetCaseDetailsQuery, CaseDetailsDto>
{
    public async ValueTask<CaseDetailsDto> Handle(GetCaseDetailsQuery query, CancellationToken cancellationToken)
    {
        var id = new CaseId(query.Id);
        var incident = await db.Cases.AsNoTracking()
                           .Include(c => c.History)
                           .Include(c => c.Assignments)
                           .SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                       ?? throw new NotFoundException(nameof(IncidentCase), query.Id);
        var clientName = await db.Clients.Where(c => c.Id == incident.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
        var names = await identity.DisplayNamesAsync(incident.Assignments.Select(a => a.UserId), cancellationToken);
        return new CaseDetailsDto(
            incident.Id.Value,
            incident.Number.Value,
            incident.Title,
            incident.Description,
            incident.ClientId.Value,
            clientName,
            incident.Severity,
            incident.Tlp,
            incident.Phase,
            incident.DetectedAt,
            incident.ReportedAt,
            incident.EngagedAt,
            incident.ClosedAt,
            incident.CreatedAt,
            incident.CreatedBy,
            incident.UpdatedAt,
            incident.UpdatedBy,
            incident.Assignments
                .OrderBy(a => a.AssignedAt)
                .Select(a => new AssignedConsultantDto(a.UserId, names.GetValueOrDefault(a.UserId, a.UserId), a.AssignedAt))
                .ToList(),
            incident.History
                .OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
                .Select(h => new PhaseChangeDto(h.From, h.To, h.ChangedBy, h.ChangedAt, h.Comment))
                .ToList(),
            incident.ClientUploadsAllowed);
    }
}
