using CaseManager.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Shared;

/// <summary>
/// The real application host (all layers, real database, real Hangfire storage) for one test class.
/// Options: run the Hangfire worker, or listen on a real Kestrel port for a browser.
/// </summary>
public class TestApp(TestDatabase database, bool worker = false, bool kestrel = false) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Test!Passw0rd-2026";

    public TestDatabase Database { get; } = database;

    public string BaseUrl { get; private set; } = "http://localhost";

    public virtual async Task InitializeAsync()
    {
        if (!Database.IsAvailable)
        {
            return;
        }

        await Database.CreateAsync();
        if (kestrel)
        {
            UseKestrel(0);
        }

        StartServer();
        if (kestrel)
        {
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Database.IsAvailable)
        {
            await DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>Runs <paramref name="action"/> with a fresh DI scope (a fresh DbContext).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs commands as the system (as a background job does), for arranging data.</summary>
    public Task<T> AsSystemAsync<T>(Func<Mediator.ISender, ValueTask<T>> action) =>
        InScopeAsync(async sp =>
        {
            sp.GetRequiredService<CaseManager.Infrastructure.BackgroundJobs.JobContext>().RunAsSystem();
            return await action(sp.GetRequiredService<Mediator.ISender>());
        });

    public Task<string> CreateUserAsync(string email, string password, string role, Guid? clientId) =>
        InScopeAsync(sp => sp.GetRequiredService<CaseManager.Application.Common.Interfaces.IIdentityService>()
            .CreateUserAsync(new CaseManager.Application.Common.Interfaces.NewUser(email, email.Split('@')[0], password, role, clientId), CancellationToken.None));

    public Task<T> InDbAsync<T>(Func<ApplicationDbContext, Task<T>> action) =>
        InScopeAsync(sp => action(sp.GetRequiredService<ApplicationDbContext>()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", Database.PostgresConnectionString);
        builder.UseSetting("DataDirectory", Database.DataDirectory);
        builder.UseSetting("ProcessRoles", worker ? "web,worker" : "web");
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Hangfire:WorkerCount", "1");

        // Test classes sign in hundreds of times from one address; the classes that test the limit set their own.
        builder.UseSetting("SignIn:RateLimit:PermitLimit", "100000");
        builder.ConfigureTestServices(ConfigureServices);
    }

    /// <summary>Test-specific service replacements (applied after the application's own).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
