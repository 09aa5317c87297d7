using System.Diagnostics;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Evidence;
using CaseManager.Infrastructure.IntegrationTests.Results;
using CaseManager.Infrastructure.Results;
using Microsoft.Extensions.Options;

namespace CaseManager.Benchmarks;

/// <summary>
/// <c>write-run EVIDENCE_ROOT EVIDENCE_ID RUN ROWS</c>: replaces a run's result file with ROWS synthetic conversations
/// (plus a matching traffic summary), through the store's own writer; prints the write time. The page benchmark
/// (bench/page-load.sh) serves it.
/// </summary>
internal static class WriteRunCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 5)
        {
            await Console.Error.WriteLineAsync("usage: write-run EVIDENCE_ROOT EVIDENCE_ID RUN ROWS");
            return 2;
        }

        var store = new SqliteAnalysisRunStore(Options.Create(new EvidenceStorageOptions { RootDirectory = args[1] }));
        var id = new EvidenceId(Guid.Parse(args[2]));
        var run = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var rows = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        long first = long.MaxValue, last = 0, udp = 0;
        var buckets = new long[40];
        await using (var writer = store.Create(id, run))
        {
            var table = writer.Table(SyntheticConversations.Schema);
            foreach (var row in SyntheticConversations.Rows(rows))
            {
                table.Add(row);
                first = Math.Min(first, (long)row[7]!);
                last = Math.Max(last, (long)row[8]!);
                udp += (string)row[0]! == "udp" ? 1 : 0;
            }

            foreach (var row in SyntheticConversations.Rows(rows))
            {
                buckets[(int)Math.Clamp(((long)row[7]! - first) * 40.0 / Math.Max(1, last - first), 0, 39)]++;
            }

            writer.Summary(System.Text.Json.JsonSerializer.Serialize(new
            {
                kind = "pcap",
                packets = rows * 12L,
                bytes = rows * 4000L,
                firstSeen = first,
                lastSeen = last,
                hosts = 2000,
                conversations = rows,
                counts = new { tcp = rows - udp, udp },
                topTalkers = Array.Empty<object>(),
                timeBuckets = buckets.Select((n, i) => new { start = first + ((last - first) * i / 40), conversations = n }),
            }));
            await writer.CommitAsync(CancellationToken.None);
        }

        Console.WriteLine($"wrote {rows:N0} conversations in {clock.Elapsed.TotalSeconds:0.00} s ({new FileInfo(Path.Combine(args[1], "results", id.Value.ToString("N"), run + ".db")).Length / 1048576.0:0.0} MiB)");
        return 0;
    }
}
