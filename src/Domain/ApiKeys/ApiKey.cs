using CaseManager.Domain.Common;

namespace CaseManager.Domain.ApiKeys;

/// <summary>
/// A personal access token for the JSON API. Only the SHA-256 of the secret is stored; the secret is shown once.
/// It acts as its owner with the owner's current rights, narrowed to its scopes (and, for a collector key, one case),
/// until it expires or is revoked.
/// </summary>
public sealed class ApiKey : Entity<Guid>, IAggregateRoot
{
    public const int NameMaxLength = 100;
    public const int MaxLifetimeDays = 366;

    private ApiKey()
    {
    }

    public string UserId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    /// <summary>The first characters of the token, to recognise it in lists.</summary>
    public string Prefix { get; private set; } = string.Empty;

    public string SecretHash { get; private set; } = string.Empty;

    public ApiKeyScopes Scopes { get; private set; }

    /// <summary>Set for a collector key: uploads to this case only.</summary>
    public Guid? CaseId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public static ApiKey Issue(string userId, string name, string prefix, string secretHash, ApiKeyScopes scopes, Guid? caseId, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        if (scopes == ApiKeyScopes.None)
        {
            throw new DomainException("Choose what the key may do.");
        }

        if (caseId is not null && scopes != ApiKeyScopes.Upload)
        {
            throw new DomainException("A key for one case may only upload.");
        }

        if (expiresAt <= now || expiresAt > now.AddDays(MaxLifetimeDays))
        {
            throw new DomainException("A key must expire within a year.");
        }

        return new ApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = secretHash,
            Scopes = scopes,
            CaseId = caseId,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
    }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;
}
