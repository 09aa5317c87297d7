using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Cli.Commands;

/// <summary>
/// Memory, core, minidump and sample analysis: <c>casemgr analyze FILE [--json]</c> for everything that is not a
/// capture, through <see cref="MemoryAnalyser"/> (its WriteJsonAsync/WriteTextAsync are the output). Exit 0 on success
/// (also with warnings), 2 when the file cannot be read. A memory dump is never "unreadable" as a format: unknown
/// content is analysed as raw memory.
/// </summary>
internal static class MemoryAnalyzeCommand
{
    public static async Task<int> RunAsync(string file, bool json, TextWriter stdout, TextWriter stderr)
    {
        var analyser = new MemoryAnalyser();
        AnalysisOutcome outcome;
        try
        {
            await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            outcome = await analyser.AnalyseAsync(new AnalysisInput(input, file, EvidenceKind.RawMemory), NullResultSink.Instance, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"casemgr: {file}: {ex.Message}");
            return 2;
        }

        if (json)
        {
            using var buffer = new MemoryStream();
            await analyser.WriteJsonAsync(outcome, buffer, CancellationToken.None);
            await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return 0;
        }

        await analyser.WriteTextAsync(outcome, stdout, CancellationToken.None);
        return 0;
    }
}
