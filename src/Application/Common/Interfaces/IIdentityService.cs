namespace CaseManager.Application.Common.Interfaces;

/// <summary>User accounts, behind ASP.NET Core Identity.</summary>
public interface IIdentityService
{
    Task<string> CreateUserAsync(NewUser user, CancellationToken cancellationToken);

    Task UpdateUserAsync(string userId, string displayName, string role, Guid? clientId, bool disabled, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken cancellationToken);

    Task<UserSummary?> FindUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Active users in the Consultant or Admin role, for assignment pickers.</summary>
    Task<IReadOnlyList<UserSummary>> ListStaffAsync(CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken);
}

public sealed record NewUser(string Email, string DisplayName, string Password, string Role, Guid? ClientId);

public sealed record UserSummary(string Id, string Email, string DisplayName, string Role, Guid? ClientId, string? ClientName, bool Disabled, bool LockedOut);
