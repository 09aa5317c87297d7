using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>
/// IRC found by content on any TCP port (segments with <c>NICK </c>, <c>JOIN </c>, <c>PRIVMSG </c> or <c>USER </c>):
/// one <c>irc</c> row per session (a stream with a client <c>NICK</c>) and its transcript as <c>irc_lines</c> rows,
/// written when the stream is retired; one <c>traffic.irc.session</c> finding per session.
/// </summary>
internal sealed class IrcProtocol : TrafficProtocol
{
    public static readonly ResultTableSchema IrcTable = new("irc",
    [
        Integer("stream", searchable: false), Text("client"), Text("server"), Text("server_name"), Text("nicks"), Text("channels"), Text("topics"),
        Integer("messages", searchable: false),
    ]);

    public static readonly ResultTableSchema IrcLinesTable = new("irc_lines",
    [
        Integer("stream", searchable: false), Integer("line", searchable: false), Time("time"), Text("direction", searchable: false), Text("text"),
    ]);

    public static readonly FindingDefinition Session = new("traffic.irc.session", FindingSeverity.Medium, "T1071",
        ["client", "server", "serverName", "nicks", "channels", "messages", "topics", "stream"],
        "A TCP stream on any port carries an IRC client NICK line (IRC is a classic botnet command channel).");

    private readonly List<IrcSessionRecord> _records = [];
    private TableWriter _rows = null!;
    private TableWriter _lines = null!;

    public override string Name => "irc";

    public override TrafficHooks Hooks => TrafficHooks.Segments | TrafficHooks.Retired;

    public override IReadOnlyList<ResultTableSchema> Tables => [IrcTable, IrcLinesTable];

    public override IReadOnlyList<FindingDefinition> Findings => [Session];

    public override void Start(ITrafficContext context)
    {
        base.Start(context);
        _rows = context.Table(IrcTable);
        _lines = context.Table(IrcLinesTable);
    }

    public override void OnSegment(Flow flow, bool fromA, ReadOnlySpan<byte> payload)
    {
        if (IrcState.SegmentMayHoldIrc(payload))
        {
            IrcState.TryParseLines(payload, fromA, Context.Frame, flow);
        }
    }

    public override void OnFlowRetired(Flow flow)
    {
        if (flow.Observer<IrcState>() is not { HasNick: true } irc)
        {
            return;
        }

        var clientIsA = irc.ClientIsA ?? true;
        var client = clientIsA ? new TrafficEndpoint(Context.Text(flow.A), flow.APort) : new TrafficEndpoint(Context.Text(flow.B), flow.BPort);
        var server = clientIsA ? new TrafficEndpoint(Context.Text(flow.B), flow.BPort) : new TrafficEndpoint(Context.Text(flow.A), flow.APort);
        if (_rows.Active)
        {
            _rows.Integer(flow.Stream).Endpoint(client.Ip, client.Port).Endpoint(server.Ip, server.Port).Text(irc.ServerName)
                .Text(string.Join(", ", irc.Nicks)).Text(string.Join(", ", irc.Channels)).Text(string.Join("\n", irc.Topics))
                .Integer(irc.PrivateMessageCount).EndRow();
        }
        else
        {
            _rows.CountOnly();
        }

        if (_lines.Active)
        {
            long number = 0;
            foreach (var line in irc.Lines())
            {
                _lines.Integer(flow.Stream).Integer(++number).Integer(line.Time).Text(line.FromA == clientIsA ? "client" : "server")
                    .Text(line.Text.TrimEnd('\r', '\n')).EndRow();
            }
        }

        _records.Add(new IrcSessionRecord(flow.Stream, client, server, irc.ServerName, irc.Nicks, irc.Users, [.. irc.Channels],
            irc.Topics, irc.PrivateMessageCount, irc.Transcript(clientIsA), irc.TranscriptTruncated));
    }

    public override void Report(TrafficReport report)
    {
        _records.Sort((x, y) => x.Stream.CompareTo(y.Stream));
        report.Irc = _records;
        report.Counts[Name] = _rows.Rows;
        foreach (var session in _records)
        {
            report.Add(Session, [
                FindingArgument.Of("client", ArgumentType.Endpoint, session.Client.ToString()),
                FindingArgument.Of("server", ArgumentType.Endpoint, session.Server.ToString()),
                FindingArgument.Of("serverName", ArgumentType.Domain, session.ServerName ?? "?"),
                FindingArgument.List("nicks", ArgumentType.Account, session.Nicks),
                FindingArgument.List("channels", ArgumentType.Text, session.Channels),
                FindingArgument.Of("messages", ArgumentType.Count, session.PrivateMessages),
                FindingArgument.Of("topics", ArgumentType.Count, session.Topics.Count),
                FindingArgument.Of("stream", ArgumentType.Count, session.Stream),
            ], new EvidenceReference("irc", session.Client.ToString()));
            report.Indicators.Add(IndicatorType.Ip, session.Server.Ip, $"IRC server port {session.Server.Port}");
        }
    }
}
