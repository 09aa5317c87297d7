namespace CaseManager.Cli.Commands;

/// <summary>Traffic analysis of pcap/pcapng captures (owned by the traffic-analysis work).</summary>
internal static class TrafficAnalyzeCommand
{
    public static bool IsCapture(string file) => false;

    public static async Task<int> RunAsync(string file, bool json, TextWriter stdout, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"casemgr: {file}: traffic analysis is not available yet");
        return 2;
    }
}
