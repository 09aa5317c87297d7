using CaseManager.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Application.FunctionalTests.Infrastructure;

public abstract class ProviderTests<TApp>(TApp app, string expectedProvider) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task Host_RunsOnTheFixturesDatabaseProvider()
    {
        var provider = await App.InDbAsync(db => Task.FromResult(db.Database.ProviderName));
        provider.ShouldBe(expectedProvider);
    }

    [SkippableFact]
    public async Task Host_ProvidesTheAnalysers_ThatReadARealCapture()
    {
        var capture = Path.Combine(AppContext.BaseDirectory, "host-probe.pcap");
        await File.WriteAllBytesAsync(capture, TinyCapture.DnsQuery("probe.example.org"));
        var packets = await App.InScopeAsync(async sp =>
        {
            var registry = sp.GetRequiredService<CaseManager.Application.Analysis.IAnalyserRegistry>();
            registry.For(CaseManager.Domain.Evidence.EvidenceKind.ElfCore)!.Name.ShouldBe("memory");
            sp.GetRequiredService<CaseManager.Application.Analysis.Memory.IStringsExtractor>().ShouldNotBeNull();
            await using var stream = File.OpenRead(capture);
            var traffic = registry.For(CaseManager.Domain.Evidence.EvidenceKind.Pcap)!;
            var outcome = await traffic.AnalyseAsync(new CaseManager.Application.Analysis.AnalysisInput(stream, "host-probe.pcap", CaseManager.Domain.Evidence.EvidenceKind.Pcap), CaseManager.Application.Analysis.NullResultSink.Instance, CancellationToken.None);
            return ((CaseManager.Application.Analysis.Traffic.TrafficAnalysisResult)outcome.Result).Packets;
        });

        packets.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Initialiser_RunTwice_SeedsTheAdminOnce()
    {
        await App.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ApplicationDbContextInitialiser>().InitialiseAsync(CancellationToken.None);
            return 0;
        });

        var admins = await App.InDbAsync(db => db.Users.CountAsync(u => u.Email == TestApp.AdminEmail));
        admins.ShouldBe(1);
    }
}

public sealed class PostgresConnectionTuningTests
{
    [Theory]
    [InlineData("Host=db;Database=app", 64, 2, true)]
    [InlineData("Host=db;Database=app;Max Auto Prepare=0", 0, 5, true)]                    // the operator turned it off
    [InlineData("Host=db;Database=app;maxautoprepare=10;No Reset On Close=false", 10, 5, false)]
    [InlineData("Host=db;Database=app;Auto Prepare Min Usages=7", 64, 7, true)]
    public void TheDataConnection_PreparesRepeatedStatements_UnlessTheOperatorSaysOtherwise(string given, int maxAutoPrepare, int minUsages, bool noReset)
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(InfrastructureDependencyInjection.TunedForQueries(given));
        tuned.MaxAutoPrepare.ShouldBe(maxAutoPrepare);
        tuned.AutoPrepareMinUsages.ShouldBe(minUsages);
        tuned.NoResetOnClose.ShouldBe(noReset);
        tuned.Host.ShouldBe("db");
    }
}

public sealed class ProviderOnSqliteTests(SqliteApp app)
    : ProviderTests<SqliteApp>(app, "Microsoft.EntityFrameworkCore.Sqlite"), IClassFixture<SqliteApp>;

public sealed class ProviderOnPostgresTests(PostgresApp app)
    : ProviderTests<PostgresApp>(app, "Npgsql.EntityFrameworkCore.PostgreSQL"), IClassFixture<PostgresApp>;
