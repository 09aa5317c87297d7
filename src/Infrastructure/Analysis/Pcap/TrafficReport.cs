using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>What the modules hand back at the end of a pass: coded findings, indicators, warnings and the records of the result.</summary>
internal sealed class TrafficReport
{
    public List<AnalysisFinding> Findings { get; } = [];

    public IndicatorSet Indicators { get; } = new();

    public List<AnalysisWarning> Warnings { get; } = [];

    /// <summary>How many records each protocol found in the whole capture (the summary's <c>counts</c>).</summary>
    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>Every conversation, TCP then UDP, by stream (spooled to a temporary file beyond a memory limit).</summary>
    public IReadOnlyList<TrafficConversation> Conversations { get; set; } = [];

    /// <summary>Every counted address, busiest first (read from the host table when there are many).</summary>
    public IReadOnlyList<TrafficHostSummary> Hosts { get; set; } = [];

    public IReadOnlyList<DnsMessageRecord> Dns { get; set; } = [];

    public IReadOnlyList<HttpRequestRecord> Http { get; set; } = [];

    public IReadOnlyList<TlsClientHelloRecord> Tls { get; set; } = [];

    public List<IrcSessionRecord> Irc { get; set; } = [];

    public IReadOnlyList<StratumMessageRecord> Stratum { get; set; } = [];

    public void Add(FindingDefinition definition, IReadOnlyList<FindingArgument> arguments, EvidenceReference? reference = null,
        FindingSeverity? severity = null) =>
        Findings.Add(new AnalysisFinding(definition.Code, severity ?? definition.Severity, arguments, reference, definition.Attack));
}
