using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Portal.Queries.ListMyCases;

/// <summary>One page of the cases of the signed-in client user's own organisation (the tenant filter restricts the rows), newest first.</summary>
[Authorize(Roles = Roles.Client)]
public sealed record ListMyCasesQuery(int Page = 1, int PageSize = 25) : IQuery<PagedList<PortalCaseDto>>;

public sealed record PortalCaseDto(Guid Id, string Number, string Title, Severity Severity, TrafficLightProtocol Tlp, CasePhase Phase, DateTimeOffset? ReportedAt, DateTimeOffset CreatedAt);

public sealed class ListMyCasesQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListMyCasesQuery, PagedList<PortalCaseDto>>
{
    public const int MaxPageSize = 100;

    public async ValueTask<PagedList<PortalCaseDto>> Handle(ListMyCasesQuery query, CancellationToken cancellationToken)
    {
        var clientId = currentUser.ClientId ?? throw new ForbiddenAccessException();
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var cases = db.Cases.AsNoTracking().Where(c => c.ClientId == clientId);
        var total = await cases.CountAsync(cancellationToken);
        var items = await cases
            .OrderByDescending(c => c.Number)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(c => new PortalCaseDto(c.Id.Value, c.Number.Value, c.Title, c.Severity, c.Tlp, c.Phase, c.ReportedAt, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PagedList<PortalCaseDto>(items, page, pageSize, total);
    }
}
