namespace CaseManager.Cli.Commands;

/// <summary>
/// <c>casemgr analyze FILE [--json]</c>: sniffs the file's first bytes and runs the matching analyser.
/// Captures (pcap, pcapng) go to <see cref="TrafficAnalyzeCommand"/>; everything else
/// (ELF cores, minidumps, ELF/PE samples, raw memory) to <see cref="MemoryAnalyzeCommand"/>.
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

        return TrafficAnalyzeCommand.IsCapture(file)
            ? await TrafficAnalyzeCommand.RunAsync(file, json, stdout, stderr)
            : await MemoryAnalyzeCommand.RunAsync(file, json, stdout, stderr);
    }
}
