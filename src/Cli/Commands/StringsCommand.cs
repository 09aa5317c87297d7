namespace CaseManager.Cli.Commands;

/// <summary><c>casemgr strings FILE [-n 8] [--encoding ascii|utf16le|both]</c> (owned by the memory-analysis work).</summary>
internal static class StringsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        await stderr.WriteLineAsync("casemgr strings: not available yet");
        return 2;
    }
}
