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
        try
        {
            (result, run) = await _engine.RunAsync(input.Content, sink, input.Progress, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedCaptureException ex)
        {
            throw new UnsupportedEvidenceException(ex.Message);
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
        TrafficAnalysisJson.Serialize(output, Result(outcome));
        return Task.CompletedTask;
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

    private static TrafficAnalysisResult Result(AnalysisOutcome outcome) =>
        outcome.Result as TrafficAnalysisResult ?? throw new ArgumentException("The outcome is not a traffic analysis.", nameof(outcome));
}
