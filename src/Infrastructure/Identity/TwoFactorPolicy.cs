using CaseManager.Application.Administration;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Infrastructure.Identity;

/// <summary>The roles that must use two-factor sign-in, read from <c>security_settings</c> and cached for a minute.</summary>
internal sealed class TwoFactorPolicy(IServiceScopeFactory scopes, TimeProvider clock) : ITwoFactorPolicy
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private (IReadOnlySet<string> Roles, DateTimeOffset ReadAt)? _cached;

    public async Task<IReadOnlySet<string>> RequiredRolesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < CacheFor)
            {
                return cached.Roles;
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var value = await db.SecuritySettings.AsNoTracking().Where(s => s.Key == SecuritySetting.TwoFactorRequiredRolesKey)
            .Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
        IReadOnlySet<string> roles = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => r is Roles.Admin or Roles.Consultant).ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            _cached = (roles, clock.GetUtcNow());
        }

        return roles;
    }

    public void Invalidate()
    {
        lock (_lock)
        {
            _cached = null;
        }
    }
}
