namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// Everything one streaming pass over a capture found. <see cref="Kind"/> is <c>pcap</c> or <c>pcapng</c>;
/// <see cref="Warnings"/> explains damage (truncated file, corrupt block) and capped lists in English;
/// <see cref="WarningCodes"/> holds the same warnings coded, in the same order.
/// The JSON shape is documented in <c>docs/analysis-json.md</c>.
/// </summary>
public sealed record TrafficAnalysisResult(
    string Kind,
    IReadOnlyList<string> Warnings,
    long Packets,
    long Bytes,
    CaptureTimestamp? FirstSeen,
    CaptureTimestamp? LastSeen,
    IReadOnlyList<string> LinkTypes,
    long IpFragments,
    IReadOnlyList<TrafficConversation> Conversations,
    IReadOnlyList<TrafficHostSummary> Hosts,
    IReadOnlyList<DnsMessageRecord> Dns,
    IReadOnlyList<HttpRequestRecord> Http,
    IReadOnlyList<TlsClientHelloRecord> Tls,
    IReadOnlyList<IrcSessionRecord> Irc,
    IReadOnlyList<StratumMessageRecord> Stratum,
    IReadOnlyList<TrafficFinding> Findings,
    IReadOnlyList<AnalysisIndicator> Indicators,
    IReadOnlyList<TrafficWarning> WarningCodes);
