using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Cli.Commands;

/// <summary>
/// <c>casemgr analyze CAPTURE [--json]</c> for pcap/pcapng: the full result as JSON (docs/analysis-json.md)
/// or a readable summary. Exit 0 on success (also with warnings), 2 when the file is not a readable capture.
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
        TrafficAnalysisResult result;
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var progress = Console.IsOutputRedirected || !ReferenceEquals(stderr, Console.Error) ? null : new ProgressBar(stderr);

            // The JSON writer's code is compiled on the other core while the single-threaded analysis runs.
            var warmUp = json ? Task.Run(WarmUpJson) : Task.CompletedTask;
            result = await new PcapTrafficAnalyzer().AnalyzeAsync(stream, progress, CancellationToken.None);
            await warmUp;
            progress?.Done();
        }
        catch (UnsupportedCaptureException ex)
        {
            await stderr.WriteLineAsync($"casemgr: {file}: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"casemgr: {file}: {ex.Message}");
            return 2;
        }

        if (json && ReferenceEquals(stdout, Console.Out))
        {
            // Large captures give large lists: stream UTF-8 to the process's stdout instead of building a string.
            await stdout.FlushAsync();
            await using var output = Console.OpenStandardOutput();
            TrafficAnalysisJson.Serialize(output, result);
            await output.WriteAsync("\n"u8.ToArray());
        }
        else if (json)
        {
            await stdout.WriteLineAsync(TrafficAnalysisJson.Serialize(result));
        }
        else
        {
            await stdout.WriteAsync(Summary(file, result));
        }

        foreach (var warning in result.Warnings)
        {
            await stderr.WriteLineAsync($"casemgr: warning: {warning}");
        }

        return 0;
    }

    private static void WarmUpJson()
    {
        var time = new CaptureTimestamp(0, 0);
        var endpoint = new TrafficEndpoint("0.0.0.0", 0);
        var sample = new TrafficAnalysisResult("pcap", ["w"], 1, 1, time, time, ["ether"], 0,
            [new TrafficConversation(0, "tcp", endpoint, endpoint, 1, 1, 1, 1, time, time, 1, 0, 0, 0, 0)],
            [new TrafficHostSummary("0.0.0.0", true, 1, 1, 1, 1)],
            [new DnsMessageRecord(1, time, "udp", "a", 1, "b", 2, 3, true, 0, [new DnsQuestionRecord("n", "A", 1)], [new DnsAnswerRecord("n", "A", 1, "v")])],
            [new HttpRequestRecord(1, time, 0, "a", 1, "b", 2, "GET", "h", "/", "u", 200)],
            [new TlsClientHelloRecord(1, time, 0, "a", 1, "b", 2, "s", "j", "j")],
            [new IrcSessionRecord(0, endpoint, endpoint, "s", ["n"], ["u"], ["#c"], ["t"], 1, [new TranscriptChunk(true, "x")], false)],
            [new StratumMessageRecord(1, time, 0, "a", 1, "b", 2, "login", "l", "a")],
            [new LegacyFinding(FindingSeverity.Info, "t", "d")],
            [new AnalysisIndicator(IndicatorType.Ip, "v", "c")]);
        TrafficAnalysisJson.Serialize(Stream.Null, sample);
    }

    internal static string Summary(string file, TrafficAnalysisResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine($"{file}: {r.Kind}, {r.Packets} packets, {r.Bytes} bytes, link types {string.Join(", ", r.LinkTypes)}");
        w.WriteLine($"  time {r.FirstSeen?.ToString() ?? "-"} .. {r.LastSeen?.ToString() ?? "-"}");
        w.WriteLine($"  {r.Conversations.Count(x => x.Protocol == "tcp")} TCP and {r.Conversations.Count(x => x.Protocol == "udp")} UDP conversations, {r.Hosts.Count} hosts, {r.IpFragments} IP fragments");
        w.WriteLine($"  {r.Dns.Count} DNS messages, {r.Http.Count} HTTP requests, {r.Tls.Count} TLS ClientHellos, {r.Irc.Count} IRC sessions, {r.Stratum.Count} mining messages");
        foreach (var warning in r.Warnings)
        {
            w.WriteLine($"  warning: {warning}");
        }

        w.WriteLine();
        w.WriteLine("Top conversations (by bytes):");
        foreach (var x in r.Conversations.OrderByDescending(x => x.BytesAToB + x.BytesBToA).Take(10))
        {
            w.WriteLine($"  {x.Protocol} {x.A} -> {x.B}  {x.PacketsAToB}/{x.BytesAToB} B out, {x.PacketsBToA}/{x.BytesBToA} B back");
        }

        w.WriteLine();
        w.WriteLine(r.Findings.Count == 0 ? "No findings." : "Findings:");
        foreach (var f in r.Findings)
        {
            w.WriteLine($"  [{f.Severity}] {f.Title}");
            w.WriteLine($"      {f.Detail}");
        }

        if (r.Indicators.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Indicators:");
            foreach (var i in r.Indicators)
            {
                w.WriteLine($"  {i.Type,-7} {i.Value}   ({i.Context})");
            }
        }

        return w.ToString();
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
