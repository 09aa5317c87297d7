using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// One module of the traffic analyser: an application protocol (DNS, HTTP, TLS, IRC, stratum …) or the core
/// (conversations and hosts). A module says what it claims (<see cref="Hooks"/>: TCP segments on any port, the
/// first bytes of a TCP direction, UDP datagrams, closed flows), owns its parser(s), declares its result tables and
/// the finding codes it can give, writes its rows to the run's sink as it parses, and reports its findings,
/// indicators and records at the end of the pass. Adding a protocol is one module plus its line in
/// <see cref="TrafficProtocols.Create"/> and its labels in <c>TrafficText.resx</c>.
/// </summary>
internal interface ITrafficProtocol
{
    /// <summary>Stable lower-case name (also the summary's count key).</summary>
    string Name { get; }

    TrafficHooks Hooks { get; }

    /// <summary>The tables the module writes (labels: <c>table.{name}</c>, <c>column.{table}.{column}</c>).</summary>
    IReadOnlyList<ResultTableSchema> Tables { get; }

    /// <summary>The finding codes the module can report.</summary>
    IReadOnlyList<FindingDefinition> Findings { get; }

    /// <summary>Called once before the first packet: open the table writers.</summary>
    void Start(ITrafficContext context);

    /// <summary><see cref="TrafficHooks.Segments"/>: the payload of every TCP segment, on any port, in capture order.</summary>
    void OnSegment(Flow flow, bool fromA, ReadOnlySpan<byte> payload);

    /// <summary>
    /// <see cref="TrafficHooks.Streams"/>: the first in-order bytes of a TCP direction nobody claimed yet; return a
    /// parser to be fed the rest of the direction, or null.
    /// </summary>
    StreamConsumer? ClaimStream(Flow flow, bool fromA, ReadOnlySpan<byte> data);

    /// <summary><see cref="TrafficHooks.Datagrams"/>: a UDP payload; true when the module took it (no later module sees it).</summary>
    bool OnDatagram(Flow flow, bool fromA, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> payload);

    /// <summary><see cref="TrafficHooks.Retired"/>: the flow ended (end of capture, port reuse or eviction).</summary>
    void OnFlowRetired(Flow flow);

    /// <summary>End of the pass: findings, indicators, records for the result, table rows kept until now.</summary>
    void Report(TrafficReport report);
}

/// <summary>What a <see cref="ITrafficProtocol"/> wants to be called for; the session calls only those hooks.</summary>
[Flags]
internal enum TrafficHooks
{
    None = 0,
    Segments = 1,
    Streams = 2,
    Datagrams = 4,
    Retired = 8,
}
