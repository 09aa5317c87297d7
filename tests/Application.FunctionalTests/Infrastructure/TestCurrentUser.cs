using CaseManager.Application.Common.Interfaces;
using CaseManager.Domain.Clients;
using CaseManager.Infrastructure.BackgroundJobs;

namespace CaseManager.Application.FunctionalTests.Infrastructure;

/// <summary>The current user as the test says (per async flow, so parallel tasks can act as different users); "system" inside a job.</summary>
internal sealed class TestCurrentUser(JobContext jobContext) : ICurrentUser
{
    public static readonly AsyncLocal<TestUser?> Current = new();

    public string? UserId => Current.Value?.Id;

    public string? UserName => Current.Value?.Name;

    public bool IsAuthenticated => Current.Value is not null;

    public bool IsSystem => jobContext.IsSystem;

    public ClientId? ClientId => Current.Value?.ClientId is { } id ? new ClientId(id) : null;

    public bool IsInRole(string role) => Current.Value?.Role == role;
}
