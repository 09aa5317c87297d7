using CaseManager.Domain.Identity;

namespace CaseManager.Application.Administration.Queries.ListStaff;

/// <summary>Active consultants and admins, for the assignment picker on a case.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ListStaffQuery : IQuery<IReadOnlyList<UserSummary>>;

public sealed class ListStaffQueryHandler(IIdentityService identity) : IQueryHandler<ListStaffQuery, IReadOnlyList<UserSummary>>
{
    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListStaffQuery query, CancellationToken cancellationToken) =>
        await identity.ListStaffAsync(cancellationToken);
}
