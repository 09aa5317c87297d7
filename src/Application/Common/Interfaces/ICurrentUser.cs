using CaseManager.Domain.Clients;

namespace CaseManager.Application.Common.Interfaces;

/// <summary>Who is acting: a signed-in person, or the system when a background job runs.</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    string? UserName { get; }

    bool IsAuthenticated { get; }

    bool IsSystem { get; }

    /// <summary>The organisation of a Client user; null for staff.</summary>
    ClientId? ClientId { get; }

    bool IsInRole(string role);

    /// <summary>Set when the request is made with a collector API key: evidence may be added to this case only.</summary>
    Guid? RestrictedToCaseId => null;

    /// <summary>Name to record in audit fields and history.</summary>
    string AuditName => IsSystem ? "system" : UserName ?? UserId ?? "anonymous";
}
