using System.Diagnostics;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Evidence;
using CaseManager.Infrastructure.IntegrationTests.Results;
using CaseManager.Infrastructure.Results;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CaseManager.Benchmarks;

/// <summary>
/// <c>store-compare ROWS [DIR]</c>: the result-store decision (ADR-003) measured in one process on the same synthetic
/// conversations: the per-run SQLite store against a DuckDB file of the same rows, for the traffic page's four
/// queries (first page, deep page, sorted deep page, filter), cold and warm, and 20 concurrent readers.
/// </summary>
internal static class StoreCompareCommand
{
    private const int PageSize = 50;
    private const string Filter = "10.3.1";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300_000;
        var dir = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "casemgr-store-compare");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var deep = rows / PageSize / 2;
        Console.WriteLine($"{rows:N0} conversation rows, deep page {deep}, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine("| engine | step | ms |");
        Console.WriteLine("|---|---|---|");
        await SqliteAsync(dir, rows, deep);
        await DuckAsync(dir, rows, deep);
        return 0;
    }

    private static async Task SqliteAsync(string dir, int rows, int deep)
    {
        var store = new SqliteAnalysisRunStore(Options.Create(new EvidenceStorageOptions { RootDirectory = dir }));
        var id = new EvidenceId(Guid.NewGuid());
        var materialised = SyntheticConversations.Rows(rows).Select(r => (object?[])r.Clone()).ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using (var writer = store.Create(id, 1))
        {
            var table = writer.Table(SyntheticConversations.Schema);
            foreach (var row in materialised)
            {
                table.Add(row);
            }

            await writer.CommitAsync(CancellationToken.None);
        }

        Row("sqlite", "write (store writer, one transaction, no index), wall", clock.Elapsed.TotalMilliseconds);
        Row("sqlite", "write, CPU of the process", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        materialised.Clear();
        Task Q(ResultQuery q) => store.QueryAsync(id, 1, q, CancellationToken.None);
        var first = new ResultQuery("conversations", PageSize: PageSize);
        var deepPage = new ResultQuery("conversations", Page: deep, PageSize: PageSize);
        var sorted = new ResultQuery("conversations", Sort: "bytes_ab", Descending: true, Page: deep, PageSize: PageSize);
        var filtered = new ResultQuery("conversations", Filter: Filter, Sort: "bytes_ab", Descending: true, Page: 2, PageSize: PageSize);
        Row("sqlite", "first page", await Median(() => Q(first)));
        Row("sqlite", "deep page", await Median(() => Q(deepPage)));
        Row("sqlite", "sorted bytes desc, deep page: first request (builds the order)", await Once(() => Q(sorted)));
        Row("sqlite", "sorted bytes desc, deep page: later requests", await Median(() => Q(sorted)));
        Row("sqlite", "filter + sort, page 2: first request (scans)", await Once(() => Q(filtered)));
        Row("sqlite", "filter + sort, page 2: later requests", await Median(() => Q(filtered)));
        Row("sqlite", "other sorted deep pages (any column already ordered)", await Median(() => Q(sorted with { Page = deep + 7 })));
        await Concurrent("sqlite", () => Q(sorted));
    }

    private static async Task DuckAsync(string dir, int rows, int deep)
    {
        var file = Path.Combine(dir, "run.duckdb");
        var materialised = SyntheticConversations.Rows(rows).Select(r => (object?[])r.Clone()).ToList();
        var clock = Stopwatch.StartNew();
        using (var connection = new DuckDBConnection($"Data Source={file}"))
        {
            connection.Open();
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE conversations (id BIGINT, protocol VARCHAR, a VARCHAR, b VARCHAR, packets_ab BIGINT, bytes_ab BIGINT, packets_ba BIGINT, bytes_ba BIGINT, first_seen BIGINT, last_seen BIGINT, stream BIGINT)";
                create.ExecuteNonQuery();
            }

            using var appender = connection.CreateAppender("conversations");
            long n = 0;
            foreach (var r in materialised)
            {
                appender.CreateRow().AppendValue(++n).AppendValue((string)r[0]!).AppendValue((string)r[1]!).AppendValue((string)r[2]!)
                    .AppendValue((long)r[3]!).AppendValue((long)r[4]!).AppendValue((long)r[5]!).AppendValue((long)r[6]!)
                    .AppendValue((long)r[7]!).AppendValue((long)r[8]!).AppendValue((long)r[9]!).EndRow();
            }
        }

        Row("duckdb", "write (Appender, own file)", clock.Elapsed.TotalMilliseconds);
        var cs = $"Data Source={file};ACCESS_MODE=READ_ONLY";
        Task Q(string where, string order, int page) => Task.Run(() =>
        {
            using var connection = new DuckDBConnection(cs);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM conversations {where}";
            command.ExecuteScalar();
            command.CommandText = $"SELECT * FROM conversations {where} ORDER BY {order} LIMIT {PageSize} OFFSET {(long)(page - 1) * PageSize}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    reader.GetValue(i);
                }
            }
        });
        var filter = $"WHERE protocol ILIKE '%{Filter}%' OR a ILIKE '%{Filter}%' OR b ILIKE '%{Filter}%'";
        Row("duckdb", "first page", await Median(() => Q(string.Empty, "id", 1)));
        Row("duckdb", "deep page (OFFSET)", await Median(() => Q(string.Empty, "id", deep)));
        Row("duckdb", "sorted bytes desc, deep page", await Median(() => Q(string.Empty, "bytes_ab DESC, id DESC", deep)));
        Row("duckdb", "filter + sort, page 2", await Median(() => Q(filter, "bytes_ab DESC, id DESC", 2)));
        await Concurrent("duckdb", () => Q(string.Empty, "bytes_ab DESC, id DESC", deep));
    }

    private static async Task Concurrent(string engine, Func<Task> query)
    {
        // 20 readers, each asking 10 times in a row; latency of every request.
        var times = new List<double>();
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var t = Stopwatch.StartNew();
                await query();
                lock (gate)
                {
                    times.Add(t.Elapsed.TotalMilliseconds);
                }
            }
        })));
        times.Sort();
        Row(engine, "20 concurrent readers, sorted deep page: median", times[times.Count / 2]);
        Row(engine, "20 concurrent readers, sorted deep page: p95", times[(int)(times.Count * 0.95)]);
    }

    private static async Task<double> Once(Func<Task> query)
    {
        var clock = Stopwatch.StartNew();
        await query();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> Median(Func<Task> query)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            times.Add(await Once(query));
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static void Row(string engine, string step, double ms) =>
        Console.WriteLine($"| {engine} | {step} | {ms:0.0} |");
}
