using CaseManager.Domain.Identity;

namespace CaseManager.Application.FunctionalTests.Infrastructure;

/// <summary>Who a functional test acts as.</summary>
public sealed record TestUser(string Id, string Name, string Role, Guid? ClientId = null)
{
    public static TestUser Consultant { get; } = new("consultant-1", "consultant@test.local", Roles.Consultant);

    public static TestUser Admin { get; } = new("admin-1", "admin-user@test.local", Roles.Admin);

    public static TestUser ClientOf(Guid clientId) => new("client-" + clientId.ToString("N")[..8], "client@test.local", Roles.Client, clientId);
}
