using CaseManager.Application.Analysis;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Domain.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Cli.Commands;

/// <summary>
/// <c>casemgr analyze FILE [--json] [--quiet]</c>: tells the file's kind from its first bytes (the same detector the web app
/// uses) and runs the analyser the registry names for it — captures the traffic analyser, cores, dumps and samples
/// the memory analyser. A file no analyser claims is read as raw memory. Progress (percent, MB/s, time left) goes to
/// stderr when it is a terminal and the run takes over a second, unless <c>--quiet</c>; never to stdout. Exit 0 on success (also with warnings),
/// 1 on a usage error, 2 when the file cannot be read as the format it claims to be.
/// </summary>
internal static class AnalyzeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Contains("--json");
        var quiet = args.Contains("--quiet") || args.Contains("-q");
        var file = args.FirstOrDefault(a => a != "-q" && !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null)
        {
            await stderr.WriteLineAsync("usage: casemgr analyze <file> [--json] [--quiet]");
            return 1;
        }

        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"casemgr: {file}: no such file");
            return 2;
        }

        await using var services = new ServiceCollection().AddAnalysers().BuildServiceProvider();
        var registry = services.GetRequiredService<IAnalyserRegistry>();
        var kind = Detect(services.GetRequiredService<IEvidenceInspector>(), file);
        var analyser = registry.For(kind) ?? registry.For(EvidenceKind.RawMemory);
        if (analyser is null)
        {
            await stderr.WriteLineAsync($"casemgr: {file}: no analyser for {kind} evidence");
            return 2;
        }

        AnalysisOutcome outcome;
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var progress = ProgressBar.ShouldShow(quiet, !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error))
                ? new ProgressBar(stderr, stream.Length, () => clock.Elapsed)
                : null;
            outcome = await analyser.AnalyseAsync(new AnalysisInput(stream, Path.GetFileName(file), kind, progress), NullResultSink.Instance, CancellationToken.None);
            progress?.Done();
            Stats(stderr, "analysed");

            // The pass is over: give its garbage and free regions back to the system before the document is written, so
            // the writing's buffers do not stack on the pass's high-water mark (peak RSS of flow-heavy captures).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            Stats(stderr, "collected");
        }
        catch (Exception ex) when (ex is UnsupportedEvidenceException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"casemgr: {file}: {ex.Message}");
            return 2;
        }

        if (json && ReferenceEquals(stdout, Console.Out))
        {
            // Large captures give large lists: stream UTF-8 to the process's stdout instead of building a string.
            await stdout.FlushAsync();
            await using var output = Console.OpenStandardOutput();
            await analyser.WriteJsonAsync(outcome, output, CancellationToken.None);
            await output.WriteAsync("\n"u8.ToArray());
        }
        else if (json)
        {
            using var buffer = new MemoryStream();
            await analyser.WriteJsonAsync(outcome, buffer, CancellationToken.None);
            await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        else
        {
            await analyser.WriteTextAsync(outcome, stdout, CancellationToken.None);
        }

        Stats(stderr, "written");
        foreach (var warning in outcome.Warnings)
        {
            await stderr.WriteLineAsync($"casemgr: warning: {FindingText.Warning(warning, analyser.Catalogue, System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return 0;
    }

    /// <summary>
    /// With <c>CASEMGR_STATS=1</c>, one line on stderr per phase for benchmarks (BENCHMARKS.md): elapsed and CPU time
    /// since the process started, working set and its peak, and the managed heap.
    /// </summary>
    private static void Stats(TextWriter stderr, string phase)
    {
        if (Environment.GetEnvironmentVariable("CASEMGR_STATS") != "1")
        {
            return;
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var elapsed = DateTime.Now - process.StartTime;
        var gc = GC.GetGCMemoryInfo();
        stderr.WriteLine(System.FormattableString.Invariant(
            $"casemgr: stats: {phase} at {elapsed.TotalSeconds:F2} s, CPU {process.TotalProcessorTime.TotalSeconds:F2} s, working set {process.WorkingSet64 >> 20} MiB (peak {process.PeakWorkingSet64 >> 20} MiB), managed heap {GC.GetTotalMemory(false) >> 20} MiB (committed {gc.TotalCommittedBytes >> 20} MiB), GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
    }

    private static EvidenceKind Detect(IEvidenceInspector inspector, string file)
    {
        var head = new byte[IEvidenceInspector.HeadLength];
        using var stream = File.OpenRead(file);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return inspector.Detect(head.AsSpan(0, read), Path.GetFileName(file));
    }
}
