using CaseManager.Application.Analysis;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Domain.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Cli.Commands;

/// <summary>
/// <c>casemgr analyze FILE [--json]</c>: tells the file's kind from its first bytes (the same detector the web app
/// uses) and runs the analyser the registry names for it — captures the traffic analyser, cores, dumps and samples
/// the memory analyser. A file no analyser claims is read as raw memory. Exit 0 on success (also with warnings),
/// 1 on a usage error, 2 when the file cannot be read as the format it claims to be.
/// </summary>
internal static class AnalyzeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Contains("--json");
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null)
        {
            await stderr.WriteLineAsync("usage: casemgr analyze <file> [--json]");
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
            var progress = Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error) ? null : new ProgressBar(stderr);
            outcome = await analyser.AnalyseAsync(new AnalysisInput(stream, Path.GetFileName(file), kind, progress), NullResultSink.Instance, CancellationToken.None);
            progress?.Done();
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

        foreach (var warning in outcome.Warnings)
        {
            await stderr.WriteLineAsync($"casemgr: warning: {FindingText.Warning(warning, analyser.Catalogue, System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return 0;
    }

    private static EvidenceKind Detect(IEvidenceInspector inspector, string file)
    {
        var head = new byte[IEvidenceInspector.HeadLength];
        using var stream = File.OpenRead(file);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return inspector.Detect(head.AsSpan(0, read), Path.GetFileName(file));
    }

    /// <summary>A one-line progress bar on stderr, redrawn at most once per percent.</summary>
    private sealed class ProgressBar(TextWriter stderr) : IProgress<double>
    {
        private int _last = -1;

        public void Report(double value)
        {
            var percent = (int)(value * 100);
            if (percent == _last)
            {
                return;
            }

            _last = percent;
            var filled = (int)(value * 40);
            stderr.Write($"\r[{new string('#', filled)}{new string('.', 40 - filled)}] {value * 100,5:0.0}%");
        }

        public void Done() => stderr.Write("\r" + new string(' ', 60) + "\r");
    }
}
