using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>
/// The core module: one <c>conversations</c> row per TCP/UDP stream when it is retired, one <c>hosts</c> row per
/// address at the end, and the network detections (<see cref="ThreatTracker"/>) and name matches (<see cref="NameWatch"/>).
/// </summary>
internal sealed class ConversationsProtocol(HostTable hosts) : TrafficProtocol
{
    public static readonly ResultTableSchema ConversationsTable = new("conversations",
    [
        Text("protocol"), Text("a"), Text("b"), Integer("packets_ab"), Bytes("bytes_ab"), Integer("packets_ba"), Bytes("bytes_ba"),
        Time("first_seen"), Time("last_seen"), Integer("stream", searchable: false),
    ]);

    public static readonly ResultTableSchema HostsTable = new("hosts",
    [
        Text("ip"), Integer("internal", searchable: false), Integer("packets_sent"), Bytes("bytes_sent"), Integer("packets_received"), Bytes("bytes_received"),
    ]);

    private readonly RecordSpool<TrafficConversation> _conversations = new(TrafficRecordJson.Default.TrafficConversation,
        c => ((c.Protocol == "tcp" ? 0L : 1L) << 40) | (uint)c.Stream);
    private TableWriter _rows = null!;

    public override string Name => "conversations";

    public override TrafficHooks Hooks => TrafficHooks.Retired;

    public override IReadOnlyList<ResultTableSchema> Tables => [ConversationsTable, HostsTable];

    public override IReadOnlyList<FindingDefinition> Findings => [.. ThreatTracker.Definitions, NameWatch.DynamicDns, NameWatch.PoolDomain];

    public override void Start(ITrafficContext context)
    {
        base.Start(context);
        _rows = context.Table(ConversationsTable);
    }

    public override void OnFlowRetired(Flow flow)
    {
        var protocol = flow.IsTcp ? "tcp" : "udp";
        var a = new TrafficEndpoint(Context.Text(flow.A), flow.APort);
        var b = new TrafficEndpoint(Context.Text(flow.B), flow.BPort);
        if (_rows.Active)
        {
            _rows.Text(protocol).Endpoint(a.Ip, a.Port).Endpoint(b.Ip, b.Port).Integer(flow.PacketsAToB).Integer(flow.BytesAToB)
                .Integer(flow.PacketsBToA).Integer(flow.BytesBToA).Integer(flow.First.TotalNanoseconds).Integer(flow.Last.TotalNanoseconds)
                .Integer(flow.Stream).EndRow();
        }
        else
        {
            _rows.CountOnly();
        }

        if (Context.Document)
        {
            _conversations.Add(new TrafficConversation(flow.Stream, protocol, a, b, flow.PacketsAToB, flow.BytesAToB, flow.PacketsBToA,
                flow.BytesBToA, flow.First, flow.Last, flow.FirstFrame, flow.Syn, flow.SynAck, flow.Fin, flow.Rst));
        }
    }

    public override void Report(TrafficReport report)
    {
        _conversations.Complete();
        report.Conversations = _conversations;
        report.Counts["conversations"] = _rows.Rows;

        var rows = Context.Table(HostsTable);
        var order = hosts.Ordered();
        if (rows.Active)
        {
            foreach (var index in order)
            {
                var host = HostList.Record(hosts, index);
                rows.Text(host.Ip).Integer(host.Internal ? 1L : 0L).Integer(host.PacketsSent).Integer(host.BytesSent).Integer(host.PacketsReceived)
                    .Integer(host.BytesReceived).EndRow();
            }
        }
        else
        {
            foreach (var _ in order)
            {
                rows.CountOnly();
            }
        }

        report.Hosts = HostList.Of(hosts, order);

        Context.Threats.Report(Context.Text, report);
        Context.Watch.Report(report);
    }
}
