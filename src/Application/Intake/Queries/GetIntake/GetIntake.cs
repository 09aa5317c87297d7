using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.Intake.Queries.GetIntake;

/// <summary>
/// The case's intake as a client may see it: the form content only. Consultant-only fields are a
/// different query (<see cref="GetIntakeInternalQuery"/>), so they cannot leak into a client's page.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Consultant + "," + Roles.Client)]
public sealed record GetIntakeQuery(Guid CaseId) : IQuery<IntakeDto>;

public sealed record IntakeDto(
    Guid CaseId,
    string CaseNumber,
    string CaseTitle,
    string ClientName,
    IntakeStatus Status,
    int Version,
    DateTimeOffset? SubmittedAt,
    IntakeData Data);

public sealed class GetIntakeQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<GetIntakeQuery, IntakeDto>
{
    public async ValueTask<IntakeDto> Handle(GetIntakeQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking()
                           .Where(c => c.Id == caseId)
                           .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new { c.Number, c.Title, c.ClientId, ClientName = k.Name })
                           .SingleOrDefaultAsync(cancellationToken)
                       ?? throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        if (currentUser.IsInRole(Roles.Client) && incident.ClientId != currentUser.ClientId)
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        var intake = await db.Intakes.AsNoTracking()
            .Where(i => i.CaseId == caseId)
            .Select(i => new { i.Status, i.CurrentVersion, i.SubmittedAt, i.Data })
            .SingleOrDefaultAsync(cancellationToken);
        return new IntakeDto(
            query.CaseId,
            incident.Number.Value,
            incident.Title,
            incident.ClientName,
            intake?.Status ?? IntakeStatus.Draft,
            intake?.CurrentVersion ?? 0,
            intake?.SubmittedAt,
            intake?.Data ?? IntakeData.Empty);
    }
}

[Authorize(Roles = Roles.Staff)]
public sealed record GetIntakeInternalQuery(Guid CaseId) : IQuery<IntakeInternal>;

public sealed class GetIntakeInternalQueryHandler(IApplicationDbContext db) : IQueryHandler<GetIntakeInternalQuery, IntakeInternal>
{
    public async ValueTask<IntakeInternal> Handle(GetIntakeInternalQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        return await db.Intakes.AsNoTracking().Where(i => i.CaseId == caseId).Select(i => i.Internal).SingleOrDefaultAsync(cancellationToken)
               ?? IntakeInternal.Empty;
    }
}
