namespace CaseManager.Application.Administration;

/// <summary>Which roles must use two-factor sign-in (an admin setting stored in the database), cached per process.</summary>
public interface ITwoFactorPolicy
{
    Task<IReadOnlySet<string>> RequiredRolesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the cached value (after a change in this process; other processes re-read within a minute).</summary>
    void Invalidate();
}
