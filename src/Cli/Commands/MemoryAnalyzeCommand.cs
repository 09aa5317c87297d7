namespace CaseManager.Cli.Commands;

/// <summary>Memory, core, minidump and sample analysis (owned by the memory-analysis work).</summary>
internal static class MemoryAnalyzeCommand
{
    public static async Task<int> RunAsync(string file, bool json, TextWriter stdout, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"casemgr: {file}: memory analysis is not available yet");
        return 2;
    }
}
