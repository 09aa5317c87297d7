using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>
/// Mining JSON-RPC (stratum <c>mining.*</c>, XMRig/Monero <c>login</c>/<c>submit</c>/<c>job</c>, getwork, <c>eth_*</c>) in
/// any TCP segment: one <c>stratum</c> row per message as it is seen, and one <c>traffic.mining.stratum</c> finding
/// with counts and the first few pools, logins and agents (the rest are in the rows).
/// </summary>
internal sealed class StratumProtocol : TrafficProtocol
{
    public static readonly ResultTableSchema StratumTable = new("stratum",
    [
        Time("time"), Text("src"), Text("dst"), Text("method"), Text("login"), Text("agent"),
    ]);

    public static readonly FindingDefinition Mining = new("traffic.mining.stratum", FindingSeverity.High, "T1496",
        ["messages", "methods", "pools", "logins", "agents"],
        "A TCP segment on any port carries a mining JSON-RPC message (stratum mining.*, XMRig login/submit/job, getwork, getblocktemplate, eth_*).");

    private readonly RecordSpool<StratumMessageRecord> _records = new(TrafficRecordJson.Default.StratumMessageRecord);
    private readonly Dictionary<string, int> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pools = new(StringComparer.Ordinal);
    private readonly HashSet<string> _logins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _agents = new(StringComparer.Ordinal);
    private TableWriter _rows = null!;
    private long _firstFrame;
    private long _lastFrame;
    private long _firstTime;
    private long _lastTime;

    public override string Name => "stratum";

    public override TrafficHooks Hooks => TrafficHooks.Segments;

    public override IReadOnlyList<ResultTableSchema> Tables => [StratumTable];

    public override IReadOnlyList<FindingDefinition> Findings => [Mining];

    public override void Start(ITrafficContext context)
    {
        base.Start(context);
        _rows = context.Table(StratumTable);
    }

    public override void OnSegment(Flow flow, bool fromA, ReadOnlySpan<byte> payload)
    {
        if (!StratumScanner.SegmentMayHoldRpc(payload))
        {
            return;
        }

        var messages = StratumScanner.Scan(payload);
        if (messages.Count == 0)
        {
            return;
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        var destination = Endpoint(dst, dstPort);
        foreach (var message in messages)
        {
            flow.Flagged = true;
            if (_rows.Rows == 0)
            {
                _firstFrame = Context.Frame;
                _firstTime = Context.Time.TotalNanoseconds;
            }

            _lastFrame = Context.Frame;
            _lastTime = Context.Time.TotalNanoseconds;
            if (_methods.Count < 1000 || _methods.ContainsKey(message.Method))
            {
                _methods[message.Method] = _methods.GetValueOrDefault(message.Method) + 1;
            }

            if (StratumScanner.IsPoolRequest(message.Method) && (_pools.Count < 10_000 || _pools.ContainsKey(destination)))
            {
                _pools[destination] = _pools.GetValueOrDefault(destination) + 1;
            }

            if (message.Login is { Length: > 0 } login && _logins.Count < 1000)
            {
                _logins.Add(login);
            }

            if (message.Agent is { Length: > 0 } agent && _agents.Count < 100)
            {
                _agents.Add(agent);
            }

            if (_rows.Active)
            {
                _rows.Integer(Context.Time.TotalNanoseconds).Text(Context.Text(src)).Text(destination).Text(message.Method).Text(message.Login)
                    .Text(message.Agent).EndRow();
            }
            else
            {
                _rows.CountOnly();
            }

            if (Context.Document)
            {
                _records.Add(new StratumMessageRecord(Context.Frame, Context.Time, flow.Stream, Context.Text(src), srcPort, Context.Text(dst), dstPort,
                    message.Method, message.Login, message.Agent));
            }
        }
    }

    public override void Report(TrafficReport report)
    {
        report.Stratum = _records;
        report.Counts[Name] = _rows.Rows;
        if (_rows.Rows == 0)
        {
            return;
        }

        var pools = _pools.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
        report.Add(Mining, [
            FindingArgument.Of("messages", ArgumentType.Count, _rows.Rows),
            FindingArgument.List("methods", ArgumentType.Text, _methods.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key)),
            FindingArgument.List("pools", ArgumentType.Endpoint, pools),
            FindingArgument.List("logins", ArgumentType.Wallet, _logins.Order(StringComparer.Ordinal)),
            FindingArgument.List("agents", ArgumentType.Text, _agents.Order(StringComparer.Ordinal)),
        ], new EvidenceReference("stratum", null, _firstFrame, _lastFrame, _firstTime, _lastTime));

        foreach (var pool in pools)
        {
            report.Indicators.Add(IndicatorType.Ip, pool[..pool.LastIndexOf(':')].Trim('[', ']'), $"mining pool endpoint {pool}");
        }

        foreach (var login in _logins)
        {
            // "WALLET.worker" or "WALLET+difficulty": keep the address part when it looks like one.
            var wallet = login.Split('.', '+', '/')[0];
            report.Indicators.Add(IndicatorType.Wallet, wallet.Length >= 26 ? wallet : login, $"mining login {login}");
        }
    }
}
