using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>
/// DNS over UDP (ports 53, 5353 mDNS, 5355 LLMNR) and TCP (port 53, length-prefixed): one <c>dns</c> row per message
/// as it is parsed; question names go through the <see cref="NameWatch"/>.
/// </summary>
internal sealed class DnsProtocol : TrafficProtocol, IDnsEvents
{
    public static readonly ResultTableSchema DnsTable = new("dns",
    [
        Time("time"), Text("src"), Text("dst"), Integer("response", searchable: false), Integer("rcode", searchable: false), Text("questions"), Text("answers"),
    ]);

    private readonly RecordSpool<DnsMessageRecord> _records = new(TrafficRecordJson.Default.DnsMessageRecord);
    private readonly StringBuilder _text = new();
    private TableWriter _rows = null!;

    public override string Name => "dns";

    public override TrafficHooks Hooks => TrafficHooks.Streams | TrafficHooks.Datagrams;

    public override IReadOnlyList<ResultTableSchema> Tables => [DnsTable];

    public override void Start(ITrafficContext context)
    {
        base.Start(context);
        _rows = context.Table(DnsTable);
    }

    public override StreamConsumer? ClaimStream(Flow flow, bool fromA, ReadOnlySpan<byte> data) =>
        flow.APort == 53 || flow.BPort == 53 ? new DnsTcpParser(this) : null;

    public override bool OnDatagram(Flow flow, bool fromA, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> payload)
    {
        if (srcPort is 53 or 5353 or 5355 || dstPort is 53 or 5353 or 5355)
        {
            OnDnsMessage(flow, fromA, payload, "udp");
            return true;
        }

        return false;
    }

    public void OnDnsMessage(Flow flow, bool fromA, ReadOnlySpan<byte> message, string transport)
    {
        if (!DnsMessageParser.TryParse(message, Context.Names, questionsOnly: false, out var dns))
        {
            return;
        }

        foreach (var question in dns.Questions)
        {
            Context.Watch.Check(question.Name, NameWatch.Dns, flow, Context.Frame, Context.Time.TotalNanoseconds);
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        if (_rows.Active)
        {
            _rows.Integer(Context.Time.TotalNanoseconds).Text(Context.Text(src)).Text(Context.Text(dst)).Integer(dns.IsResponse ? 1L : 0L)
                .Integer(dns.IsResponse ? dns.Rcode : null).Text(Questions(dns.Questions)).Text(Answers(dns.Answers)).EndRow();
        }
        else
        {
            _rows.CountOnly();
        }

        if (Context.Document)
        {
            _records.Add(new DnsMessageRecord(Context.Frame, Context.Time, transport, Context.Text(src), srcPort, Context.Text(dst), dstPort,
                dns.Id, dns.IsResponse, dns.IsResponse ? dns.Rcode : null, dns.Questions, dns.Answers));
        }
    }

    public override void Report(TrafficReport report)
    {
        report.Dns = _records;
        report.Counts[Name] = _rows.Rows;
    }

    private string Questions(List<DnsQuestionRecord> questions)
    {
        _text.Clear();
        foreach (var q in questions)
        {
            _text.Append(_text.Length > 0 ? "; " : string.Empty).Append(q.Name).Append(' ').Append(q.Type);
        }

        return _text.ToString();
    }

    private string Answers(List<DnsAnswerRecord> answers)
    {
        _text.Clear();
        foreach (var a in answers)
        {
            _text.Append(_text.Length > 0 ? "; " : string.Empty).Append(a.Name).Append(' ').Append(a.Type);
            if (a.Value is not null)
            {
                _text.Append(' ').Append(a.Value);
            }
        }

        return _text.ToString();
    }
}
