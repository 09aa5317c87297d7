using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Portal.Queries.GetMyCase;
using CaseManager.Application.Portal.Queries.ListMyCases;
using CaseManager.Domain.Cases;
using CaseManager.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Application.FunctionalTests.Portal;

public abstract class TenantIsolationTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task ListMyCases_ShowsOnlyTheUsersOrganisation()
    {
        var (a, caseA, b, caseB) = await TwoTenantsAsync();

        var seenByA = await App.SendAsync(new ListMyCasesQuery(), TestUser.ClientOf(a));

        seenByA.Items.Select(c => c.Id).ShouldContain(caseA);
        seenByA.Items.Select(c => c.Id).ShouldNotContain(caseB);
        (await App.SendAsync(new ListMyCasesQuery(), TestUser.ClientOf(b))).Items.Select(c => c.Id).ShouldBe([caseB]);
    }

    [SkippableFact]
    public async Task GetMyCase_OfAnotherOrganisation_IsNotFound()
    {
        var (a, caseA, _, caseB) = await TwoTenantsAsync();

        (await App.SendAsync(new GetMyCaseQuery(caseA), TestUser.ClientOf(a))).Id.ShouldBe(caseA);
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetMyCaseQuery(caseB), TestUser.ClientOf(a)));
    }

    [SkippableFact]
    public async Task DataLayer_ForAClientUser_FiltersEveryOtherOrganisationsRows()
    {
        var (a, caseA, _, _) = await TwoTenantsAsync();
        var previous = TestCurrentUser.Current.Value;
        TestCurrentUser.Current.Value = TestUser.ClientOf(a);
        try
        {
            var (cases, clients) = await App.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<ApplicationDbContext>();
                return (await db.Cases.Select(c => c.Id).ToListAsync(), await db.Clients.Select(c => c.Id).ToListAsync());
            });

            cases.ShouldBe([new CaseId(caseA)]);
            clients.ShouldBe([new Domain.Clients.ClientId(a)]);
        }
        finally
        {
            TestCurrentUser.Current.Value = previous;
        }
    }

    [SkippableFact]
    public async Task ClientUserWithoutOrganisation_SeesNothing()
    {
        await TwoTenantsAsync();
        var orphan = new TestUser("client-orphan", "orphan@test.local", Domain.Identity.Roles.Client);

        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new ListMyCasesQuery(), orphan));
    }

    private async Task<(Guid ClientA, Guid CaseA, Guid ClientB, Guid CaseB)> TwoTenantsAsync()
    {
        var a = await App.SendAsync(new CreateClientCommand(Unique("Tenant A"), null, null, []));
        var b = await App.SendAsync(new CreateClientCommand(Unique("Tenant B"), null, null, []));
        var caseA = await App.SendAsync(new OpenCaseCommand(a, "A's ransomware", null, Severity.High, TrafficLightProtocol.Red));
        var caseB = await App.SendAsync(new OpenCaseCommand(b, "B's miner", null, Severity.Low, TrafficLightProtocol.Red));
        return (a, caseA, b, caseB);
    }
}

public sealed class TenantIsolationOnSqliteTests(SqliteApp app) : TenantIsolationTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TenantIsolationOnPostgresTests(PostgresApp app) : TenantIsolationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
