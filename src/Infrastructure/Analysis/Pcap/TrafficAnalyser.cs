using System.Globalization;
using System.Reflection;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The traffic analyser behind the plug-in point: pcap and pcapng in one streaming pass (<see cref="PcapTrafficAnalyzer"/>
/// is the engine). Streams the conversations, hosts, dns, http, tls, stratum, irc and irc_lines tables into the sink,
/// writes the summary, and returns coded findings and warnings with the <see cref="TrafficAnalysisResult"/> the CLI prints.
/// </summary>
public sealed class TrafficAnalyser : IEvidenceAnalyser
{
    private readonly PcapTrafficAnalyzer _engine = new();

    public string Name => "traffic";

    public string Version { get; } = typeof(TrafficAnalyser).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(TrafficAnalyser).Assembly.GetName().Version?.ToString() ?? "0";

    public IReadOnlyCollection<EvidenceKind> Kinds { get; } = [EvidenceKind.Pcap, EvidenceKind.Pcapng];

    public IFindingCatalogue Catalogue => TrafficFindingCatalogue.Instance;

    public async Task<AnalysisOutcome> AnalyseAsync(AnalysisInput input, IResultSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        TrafficAnalysisResult result;
        TrafficRun run;

        // Nothing kept means the caller prints the result (the CLI): the JSON writer's code is compiled on the other
        // core while the single-threaded analysis runs.
        var warmUp = sink is NullResultSink ? Task.Run(WarmUpJson, cancellationToken) : Task.CompletedTask;
        try
        {
            (result, run) = await _engine.RunAsync(input.Content, sink, input.Progress, cancellationToken, input.Document).ConfigureAwait(false);
        }
        catch (UnsupportedCaptureException ex)
        {
            throw new UnsupportedEvidenceException(ex.Message);
        }
        finally
        {
            await warmUp.ConfigureAwait(false);
        }

        List<AnalysisEvent> events = [];
        if (result.FirstSeen is { } first && result.LastSeen is { } last)
        {
            events.Add(new AnalysisEvent(TimelineEntryKind.FirstTraffic, first.TotalNanoseconds));
            events.Add(new AnalysisEvent(TimelineEntryKind.LastTraffic, last.TotalNanoseconds));
        }

        return new AnalysisOutcome(run.Report.Findings, result.Indicators, run.Report.Warnings, events, result);
    }

    public Task WriteJsonAsync(AnalysisOutcome outcome, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);

        // The source-generated fast path is synchronous; large captures give large lists, so it writes straight to the stream.
        var result = Result(outcome);
        if (result.Conversations is not ISpooledJson && result.Hosts is not ISpooledJson && result.Dns is not ISpooledJson && result.Http is not ISpooledJson
            && result.Tls is not ISpooledJson && result.Stratum is not ISpooledJson)
        {
            TrafficAnalysisJson.Serialize(output, result);
            return Task.CompletedTask;
        }

        WriteSpliced(output, result);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The document of a capture whose lists went to temporary files: everything else is serialised with the lists left
    /// empty, and each spooled list's JSON is copied into its <c>"name":[]</c> (a top-level property name; quotes
    /// inside strings are escaped, so the marker cannot occur elsewhere).
    /// </summary>
    private static void WriteSpliced(Stream output, TrafficAnalysisResult result)
    {
        var lists = new List<(string Name, ISpooledJson Spool)>();
        void Take<T>(string name, IReadOnlyList<T> list)
        {
            if (list is ISpooledJson spool)
            {
                lists.Add((name, spool));
            }
        }

        Take("conversations", result.Conversations);
        Take("hosts", result.Hosts);
        Take("dns", result.Dns);
        Take("http", result.Http);
        Take("tls", result.Tls);
        Take("stratum", result.Stratum);
        var head = result with
        {
            Conversations = result.Conversations is ISpooledJson ? [] : result.Conversations,
            Hosts = result.Hosts is ISpooledJson ? [] : result.Hosts,
            Dns = result.Dns is ISpooledJson ? [] : result.Dns,
            Http = result.Http is ISpooledJson ? [] : result.Http,
            Tls = result.Tls is ISpooledJson ? [] : result.Tls,
            Stratum = result.Stratum is ISpooledJson ? [] : result.Stratum,
        };
        using var document = new MemoryStream();
        TrafficAnalysisJson.Serialize(document, head);
        var bytes = document.GetBuffer().AsSpan(0, (int)document.Length);
        var at = 0;
        foreach (var (index, name, spool) in lists
            .Select(l => (Index: document.GetBuffer().AsSpan(0, (int)document.Length).IndexOf(System.Text.Encoding.UTF8.GetBytes($"\"{l.Name}\":[]")), l.Name, l.Spool))
            .OrderBy(l => l.Index))
        {
            if (index < 0)
            {
                throw new InvalidOperationException($"The {name} list has no place in the document.");
            }

            var open = index + name.Length + 4; // "name":[
            output.Write(bytes[at..open]);
            spool.WriteJsonElements(output);
            at = open;
        }

        output.Write(bytes[at..]);
        output.Flush();
    }

    public async Task WriteTextAsync(AnalysisOutcome outcome, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(Summary(Result(outcome))).ConfigureAwait(false);
    }

    /// <summary>A readable report: totals, warnings, top conversations, findings and indicators.</summary>
    internal static string Summary(TrafficAnalysisResult r)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"{r.Kind}, {r.Packets} packets, {r.Bytes} bytes, link types {string.Join(", ", r.LinkTypes)}");
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
            w.WriteLine($"  [{f.Severity}] {f.Title}  ({f.Code}{(f.Attack is null ? string.Empty : ", ATT&CK " + f.Attack)})");
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

    private static void WarmUpJson()
    {
        var time = new CaptureTimestamp(0, 0);
        var endpoint = new TrafficEndpoint("0.0.0.0", 0);
        FindingArgument[] arguments = [FindingArgument.Of("a", ArgumentType.Ip, "0.0.0.0")];
        var sample = new TrafficAnalysisResult("pcap", ["w"], 1, 1, time, time, ["ether"], 0,
            [new TrafficConversation(0, "tcp", endpoint, endpoint, 1, 1, 1, 1, time, time, 1, 0, 0, 0, 0)],
            [new TrafficHostSummary("0.0.0.0", true, 1, 1, 1, 1)],
            [new DnsMessageRecord(1, time, "udp", "a", 1, "b", 2, 3, true, 0, [new DnsQuestionRecord("n", "A", 1)], [new DnsAnswerRecord("n", "A", 1, "v")])],
            [new HttpRequestRecord(1, time, 0, "a", 1, "b", 2, "GET", "h", "/", "u", 200)],
            [new TlsClientHelloRecord(1, time, 0, "a", 1, "b", 2, "s", "j", "j")],
            [new IrcSessionRecord(0, endpoint, endpoint, "s", ["n"], ["u"], ["#c"], ["t"], 1, [new TranscriptChunk(true, "x")], false)],
            [new StratumMessageRecord(1, time, 0, "a", 1, "b", 2, "login", "l", "a")],
            [new TrafficFinding(FindingSeverity.Info, "t", "d", "c", arguments, new EvidenceReference("t", "f", 1, 1, 1, 1), "T1")],
            [new AnalysisIndicator(IndicatorType.Ip, "v", "c")],
            [new TrafficWarning("c", "t", arguments)]);
        TrafficAnalysisJson.Serialize(Stream.Null, sample);
    }

    private static TrafficAnalysisResult Result(AnalysisOutcome outcome) =>
        outcome.Result as TrafficAnalysisResult ?? throw new ArgumentException("The outcome is not a traffic analysis.", nameof(outcome));
}
