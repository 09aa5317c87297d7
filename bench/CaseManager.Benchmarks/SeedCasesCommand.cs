using System.Diagnostics;
using System.Globalization;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Intake;
using CaseManager.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Benchmarks;

/// <summary>
/// <c>seed-cases sqlite FILE|postgres CONNECTION CASES INDICATORS</c>: fills a migrated CaseManager database with CASES cases
/// (50 clients; numbers IR-2001-0001 … spread over years, 9,999 a year), an intake per case naming two hosts
/// (<c>web-NNNNN.corp.example</c>, <c>db-NNNNN.corp.example</c>) and their addresses, one evidence item per case and
/// INDICATORS indicators spread evenly over the items (domains, IPs, SHA-256; every 1,000th case also carries the shared
/// <c>pool.bench-miner.example</c>). Written through the domain types and the app's own EF model, in batches; then the
/// search indexes are compacted as the recurring job does.
/// </summary>
internal static class SeedCasesCommand
{
    public const string SharedIndicator = "pool.bench-miner.example";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 5 || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var caseCount)
            || !int.TryParse(args[4], CultureInfo.InvariantCulture, out var indicatorCount))
        {
            await Console.Error.WriteLineAsync("usage: seed-cases sqlite FILE|postgres CONNECTION CASES INDICATORS");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var perCase = Math.Max(1, indicatorCount / caseCount);
        var clients = Enumerable.Range(1, 50).Select(i => Client.Create($"Bench client {i:D2}", "Manufacturing", null, [])).ToList();
        await using (var db = Create(args[1], args[2]))
        {
            foreach (var c in clients)
            {
                c.StampCreated(now, "bench");
            }

            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
        }

        var written = 0;
        var indicators = 0;
        const int Batch = 500;
        while (written < caseCount)
        {
            await using var db = Create(args[1], args[2]);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = written; n < Math.Min(caseCount, written + Batch); n++)
            {
                var client = clients[n % clients.Count];
                var number = CaseNumber.From(2001 + (n / 9999), (n % 9999) + 1);
                var incident = IncidentCase.Open(client.Id, number, $"Bench incident {n:D5}: miner and webshell", "Seeded for the list and search benchmark.",
                    (Severity)(n % 4), TrafficLightProtocol.Amber, "bench", now.AddMinutes(-n));
                incident.StampCreated(now.AddMinutes(-n), "bench");
                db.Cases.Add(incident);
                var intake = IntakeForm.StartFor(incident);
                intake.Save(IntakeData.Empty with
                {
                    Hosts =
                    [
                        new AffectedHost(Guid.Empty, $"web-{n:D5}.corp.example", [$"10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256}"], "Ubuntu 22.04", "web server"),
                        new AffectedHost(Guid.Empty, $"db-{n:D5}.corp.example", [$"172.16.{n / 256 % 256}.{n % 256}"], "Debian 12", "database"),
                    ],
                }, null, submit: true, "bench", savedByClient: false, now);
                db.Intakes.Add(intake);
                var item = EvidenceItem.Register(incident, $"capture-{n:D5}.pcap", EvidenceKind.Pcap, 1000, new string('a', 64), new string('b', 40),
                    new string('c', 32), "bench", "bench", now);
                item.StampCreated(now, "bench");
                db.Evidence.Add(item);
                for (var k = 0; k < perCase && indicators < indicatorCount; k++, indicators++)
                {
                    var (type, value) = (k % 3) switch
                    {
                        0 => (IndicatorType.Domain, $"c2-{n:D5}-{k}.dyn.example"),
                        1 => (IndicatorType.Ip, $"198.{n / 65536 % 256}.{n / 256 % 256}.{(n + k) % 256}"),
                        _ => (IndicatorType.Hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes((n * 1000) + k)))),
                    };
                    if (k == 0 && n % 1000 == 0)
                    {
                        value = SharedIndicator;
                    }

                    db.EvidenceIndicators.Add(new EvidenceIndicator(item.Id, 1, type, value, null, (IndicatorRelevance)(k % 3)));
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            written = Math.Min(caseCount, written + Batch);
        }

        // What the job compact-search-indexes does within 15 minutes of the writes (SQLite; nothing on PostgreSQL).
        var seeded = clock.Elapsed;
        int steps;
        await using (var db = Create(args[1], args[2]))
        {
            steps = await db.CompactSearchIndexesAsync(CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{written} cases, {indicators} indicators in {seeded.TotalSeconds:F1} s; search indexes compacted in {steps} steps, {(clock.Elapsed - seeded).TotalSeconds:F1} s"));
        return 0;
    }

    private static ApplicationDbContext Create(string provider, string target)
    {
        if (provider == "postgres")
        {
            var options = new DbContextOptionsBuilder<PostgresApplicationDbContext>().UseNpgsql(target).Options;
            return new PostgresApplicationDbContext(options, new BenchUser());
        }

        var sqlite = new DbContextOptionsBuilder<SqliteApplicationDbContext>().UseSqlite($"Data Source={target}").Options;
        return new SqliteApplicationDbContext(sqlite, new BenchUser());
    }

    private sealed class BenchUser : ICurrentUser
    {
        public string? UserId => "bench";

        public string? UserName => "bench";

        public bool IsAuthenticated => true;

        public bool IsSystem => true;

        public ClientId? ClientId => null;

        public bool IsInRole(string role) => true;
    }
}
