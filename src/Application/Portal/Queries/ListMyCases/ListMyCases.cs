using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Portal.Queries.ListMyCases;

/// <summary>The cases of the signed-in client user's own organisation (the tenant filter restricts the rows).</summary>
[Authorize(Roles = Roles.Client)]
public sealed record ListMyCasesQuery : IQuery<IReadOnlyList<PortalCaseDto>>;

public sealed record PortalCaseDto(Guid Id, string Number, string Title, Severity Severity, TrafficLightProtocol Tlp, CasePhase Phase, DateTimeOffset? ReportedAt, DateTimeOffset CreatedAt);

public sealed class ListMyCasesQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListMyCasesQuery, IReadOnlyList<PortalCaseDto>>
{
    public async ValueTask<IReadOnlyList<PortalCaseDto>> Handle(ListMyCasesQuery query, CancellationToken cancellationToken)
    {
        var clientId = currentUser.ClientId ?? throw new ForbiddenAccessException();
        return await db.Cases.AsNoTracking()
            .Where(c => c.ClientId == clientId)
            .OrderByDescending(c => c.Number)
            .Select(c => new PortalCaseDto(c.Id.Value, c.Number.Value, c.Title, c.Severity, c.Tlp, c.Phase, c.ReportedAt, c.CreatedAt))
            .ToListAsync(cancellationToken);
    }
}
