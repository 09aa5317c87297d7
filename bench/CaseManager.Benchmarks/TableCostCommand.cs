using System.Diagnostics;
using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Pcap;
using CaseManager.Infrastructure.Evidence;
using CaseManager.Infrastructure.Results;
using Microsoft.Extensions.Options;

namespace CaseManager.Benchmarks;

/// <summary>
/// <c>table-cost CAPTURE [RUNS=3]</c>: what writing the result tables adds to a traffic analysis (issue 9, "writing
/// the tables adds ≤ 20 % to analysis time"). Runs the same pass over the capture with the sink the CLI uses
/// (<see cref="NullResultSink"/>: no rows are built) and with the per-run SQLite store the job uses (rows built,
/// bound and written, then committed), alternately, after one unrecorded warm-up of each; prints wall and process CPU
/// per run and the medians' ratio. The result files go to a temporary directory that is deleted.
/// "pass CPU" is the CPU of the thread that runs the pass (read from <c>/proc/thread-self/schedstat</c>): the store writes
/// its rows on a thread of its own, so on a machine with a free second core the wall time follows the pass's thread
/// (plus the wait for the writer's last batches at the commit, "commit wait": the commit's wall time), not the process CPU.
/// </summary>
internal static class TableCostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            await Console.Error.WriteLineAsync("usage: table-cost CAPTURE [RUNS=3]");
            return 2;
        }

        var capture = args[1];
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var root = Path.Combine(Path.GetTempPath(), $"casemgr-table-cost-{Guid.NewGuid():N}");
        var store = new SqliteAnalysisRunStore(Options.Create(new EvidenceStorageOptions { RootDirectory = root }));
        // The CLI's pass builds the record lists of the JSON document ("document"); the job's pass does not ("job", the
        // tables hold the rows). Each pair differs only in the sink, so each ratio is the cost of writing the tables.
        string[] modes = ["null sink, document", "result store, document", "null sink, job", "result store, job"];
        var figures = modes.ToDictionary(m => m, _ => new List<(double Wall, double Cpu, double Pass)>());
        try
        {
            Console.WriteLine("| run | sink, pass | wall s | CPU s | pass CPU s | commit wait s | records |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            for (var run = 0; run <= runs; run++)
            {
                foreach (var mode in modes)
                {
                    var (wall, cpu, pass, commit, rows) = await MeasureAsync(capture, mode.StartsWith("null", StringComparison.Ordinal) ? null : store, mode.EndsWith("document", StringComparison.Ordinal));
                    if (run == 0)
                    {
                        continue; // warm-up: JIT and caches
                    }

                    figures[mode].Add((wall, cpu, pass));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {mode} | {wall:F2} | {cpu:F2} | {pass:F2} | {commit:F2} | {rows:N0} |"));
                }
            }

            double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            }

            (double Wall, double Cpu, double Pass) Medians(string mode) =>
                (Median(figures[mode].Select(f => f.Wall)), Median(figures[mode].Select(f => f.Cpu)), Median(figures[mode].Select(f => f.Pass)));

            foreach (var pass in new[] { "document", "job" })
            {
                var without = Medians($"null sink, {pass}");
                var with = Medians($"result store, {pass}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"median, {pass} pass: null sink {without.Wall:F2} s wall / {without.Cpu:F2} s CPU / {without.Pass:F2} s pass CPU; " +
                    $"result store {with.Wall:F2} s wall / {with.Cpu:F2} s CPU / {with.Pass:F2} s pass CPU; " +
                    $"tables add {(with.Wall / without.Wall - 1) * 100:F1} % wall, {(with.Cpu / without.Cpu - 1) * 100:F1} % CPU, {(with.Pass / without.Pass - 1) * 100:F1} % pass CPU"));
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return 0;
    }

    private static async Task<(double Wall, double Cpu, double Pass, double Commit, long Rows)> MeasureAsync(string capture, SqliteAnalysisRunStore? store, bool document)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var thread = Environment.CurrentManagedThreadId;
        var pass = ThreadCpuSeconds();
        var clock = Stopwatch.StartNew();
        await using var input = new FileStream(capture, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var writer = store?.Create(new EvidenceId(Guid.NewGuid()), 1);
        var sink = (IResultSink?)writer ?? NullResultSink.Instance;
        var (result, traffic) = await new PcapTrafficAnalyzer().RunAsync(input, sink, null, CancellationToken.None, document);
        if (Environment.CurrentManagedThreadId != thread)
        {
            throw new InvalidOperationException("The pass changed threads; its thread's CPU cannot be read.");
        }

        pass = ThreadCpuSeconds() - pass;
        long rows = 0;
        var tail = 0.0;
        if (writer is not null)
        {
            var commit = Stopwatch.StartNew();
            await writer.CommitAsync(CancellationToken.None);
            tail = commit.Elapsed.TotalSeconds;
            await writer.DisposeAsync();
            rows = result.Hosts.Count + new[] { "conversations", "dns", "http", "tls", "stratum" }.Sum(t => traffic.Report.Counts[t]);
        }

        clock.Stop();
        process.Refresh();
        var spent = (process.TotalProcessorTime - cpu).TotalSeconds;
        foreach (var list in new object[] { result.Conversations, result.Dns, result.Http, result.Tls, result.Stratum })
        {
            (list as IDisposable)?.Dispose();
        }

        return (clock.Elapsed.TotalSeconds, spent, pass, tail, rows);
    }

    /// <summary>CPU time of the calling thread (Linux: the first field of /proc/thread-self/schedstat, nanoseconds on a CPU).</summary>
    private static double ThreadCpuSeconds() =>
        long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], CultureInfo.InvariantCulture) / 1e9;
}
