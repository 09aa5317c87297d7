using CaseManager.Domain.Identity;

namespace CaseManager.Application.Administration.Queries.ListUsers;

[Authorize(Roles = Roles.Admin)]
public sealed record GetUserQuery(string UserId) : IQuery<UserSummary>;

public sealed class GetUserQueryHandler(IIdentityService identity) : IQueryHandler<GetUserQuery, UserSummary>
{
    public async ValueTask<UserSummary> Handle(GetUserQuery query, CancellationToken cancellationToken) =>
        await identity.FindUserAsync(query.UserId, cancellationToken) ?? throw new NotFoundException("User", query.UserId);
}
