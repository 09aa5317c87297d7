using CaseManager.Infrastructure.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.FunctionalTests.Demo;

/// <summary>A host started with <c>Seed:Demo=true</c>, as <c>dotnet run -- --Seed:Demo=true</c> starts one.</summary>
public class DemoSeedApp(TestDatabase database) : TestApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Demo", "true");
    }
}

public sealed class SqliteDemoSeedApp() : DemoSeedApp(new SqliteTestDatabase());

public sealed class PostgresDemoSeedApp() : DemoSeedApp(new PostgresTestDatabase());

/// <summary>The demo seed at start-up: every phase, the bad-input data, seeded once.</summary>
public abstract class DemoDataTests<TApp>(TApp app)
    where TApp : DemoSeedApp
{
    [SkippableFact]
    public async Task Startup_WithSeedDemo_SeedsEveryPhaseAndTheBadInput_Once()
    {
        Skip.IfNot(app.Database.IsAvailable, $"No PostgreSQL configured ({TestDatabase.PostgresVariable} is not set).");

        var (clients, phases, longestName, messages, items) = await app.InDbAsync(async db => (
            await db.Clients.IgnoreQueryFilters().CountAsync(c => c.Name == DemoDataSeeder.ClientName),
            await db.Cases.IgnoreQueryFilters().Select(c => c.Phase).Distinct().CountAsync(),
            await db.Clients.IgnoreQueryFilters().MaxAsync(c => c.Name.Length),
            await db.CaseMessages.IgnoreQueryFilters().CountAsync(),
            await db.RemediationItems.IgnoreQueryFilters().CountAsync()));
        var again = await app.InScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync(production: false, CancellationToken.None));

        clients.ShouldBe(1);
        phases.ShouldBe(Enum.GetValues<CaseManager.Domain.Cases.CasePhase>().Length, "a case in every phase");
        longestName.ShouldBe(200);
        messages.ShouldBe(3);
        items.ShouldBeGreaterThan(0, "the classification planned remediation");
        again.ShouldBeNull("a second start seeds nothing");
    }
}

public sealed class SqliteDemoDataTests(SqliteDemoSeedApp app) : DemoDataTests<SqliteDemoSeedApp>(app), IClassFixture<SqliteDemoSeedApp>;

public sealed class PostgresDemoDataTests(PostgresDemoSeedApp app) : DemoDataTests<PostgresDemoSeedApp>(app), IClassFixture<PostgresDemoSeedApp>;
