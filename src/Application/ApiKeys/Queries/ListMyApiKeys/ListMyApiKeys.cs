using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.ApiKeys.Queries.ListMyApiKeys;

/// <summary>The signed-in user's API keys (never their secrets), newest first.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record ListMyApiKeysQuery : IQuery<IReadOnlyList<ApiKeyDto>>;

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, ApiKeyScopes Scopes, Guid? CaseId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

public sealed class ListMyApiKeysQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListMyApiKeysQuery, IReadOnlyList<ApiKeyDto>>
{
    public async ValueTask<IReadOnlyList<ApiKeyDto>> Handle(ListMyApiKeysQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId;
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId)
            .Select(k => new ApiKeyDto(k.Id, k.Name, k.Prefix, k.Scopes, k.CaseId, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt))
            .ToListAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt).ToList();
    }
}
