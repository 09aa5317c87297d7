using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Cli.Commands;

/// <summary>
/// <c>casemgr analyze CAPTURE [--json]</c> for pcap/pcapng, a thin wrapper over <see cref="TrafficAnalyser"/> with a
/// <see cref="NullResultSink"/> (the JSON and text are the analyser's). Exit 0 on success (also with warnings), 2 when
/// the file is not a readable capture. Goes away once <c>AnalyzeCommand</c> dispatches through the registry.
/// </summary>
internal static class TrafficAnalyzeCommand
{
    /// <summary>Sniffs the pcap (both byte orders, micro/nanoseconds) and pcapng magic numbers.</summary>
    public static bool IsCapture(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            Span<byte> head = stackalloc byte[4];
            return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && PcapTrafficAnalyzer.IsCapture(head);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static async Task<int> RunAsync(string file, bool json, TextWriter stdout, TextWriter stderr)
    {
        var analyser = new TrafficAnalyser();
        AnalysisOutcome outcome;
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var progress = Console.IsOutputRedirected || !ReferenceEquals(stderr, Console.Error) ? null : new ProgressBar(stderr);
            var input = new AnalysisInput(stream, Path.GetFileName(file), EvidenceKind.Pcap, progress);
            outcome = await analyser.AnalyseAsync(input, NullResultSink.Instance, CancellationToken.None);
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
            await stdout.WriteAsync($"{file}: ");
            await analyser.WriteTextAsync(outcome, stdout, CancellationToken.None);
        }

        foreach (var warning in outcome.Warnings)
        {
            await stderr.WriteLineAsync($"casemgr: warning: {TrafficText.Warning(warning, CultureInfo.InvariantCulture)}");
        }

        return 0;
    }

    /// <summary>A one-line progress bar on stderr, redrawn at most once per percent.</summary>
    private sealed class ProgressBar(TextWriter stderr) : IProgress<double>
    {
        public void Report(double value)
        {
            var filled = (int)(value * 40);
            stderr.Write($"\r[{new string('#', filled)}{new string('.', 40 - filled)}] {value * 100,5:0.0}%");
        }

        public void Done() => stderr.Write("\r" + new string(' ', 60) + "\r");
    }
}
