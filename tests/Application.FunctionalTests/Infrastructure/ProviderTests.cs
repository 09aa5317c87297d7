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
        await File.WriteAllBytesAsync(capture, MinimalPcap());
        var packets = await App.InScopeAsync(async sp =>
        {
            sp.GetRequiredService<CaseManager.Application.Analysis.Memory.IMemoryAnalyzer>().ShouldNotBeNull();
            sp.GetRequiredService<CaseManager.Application.Analysis.Memory.IStringsExtractor>().ShouldNotBeNull();
            await using var stream = File.OpenRead(capture);
            var result = await sp.GetRequiredService<CaseManager.Application.Analysis.Traffic.ITrafficAnalyzer>().AnalyzeAsync(stream, null, CancellationToken.None);
            return result.Packets;
        });

        packets.ShouldBe(1);
    }

    /// <summary>A pcap file (microseconds, little-endian, raw IPv4) holding one UDP packet.</summary>
    private static byte[] MinimalPcap()
    {
        byte[] ip =
        [
            0x45, 0, 0, 29, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
            0x30, 0x39, 0, 53, 0, 9, 0, 0, 0x41,
        ];
        using var file = new MemoryStream();
        using var w = new BinaryWriter(file);
        w.Write(0xa1b2c3d4u);
        w.Write((ushort)2);
        w.Write((ushort)4);
        w.Write(0);
        w.Write(0u);
        w.Write(65535u);
        w.Write(101u);
        w.Write(1_700_000_000u);
        w.Write(0u);
        w.Write((uint)ip.Length);
        w.Write((uint)ip.Length);
        w.Write(ip);
        return file.ToArray();
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

public sealed class ProviderOnSqliteTests(SqliteApp app)
    : ProviderTests<SqliteApp>(app, "Microsoft.EntityFrameworkCore.Sqlite"), IClassFixture<SqliteApp>;

public sealed class ProviderOnPostgresTests(PostgresApp app)
    : ProviderTests<PostgresApp>(app, "Npgsql.EntityFrameworkCore.PostgreSQL"), IClassFixture<PostgresApp>;
