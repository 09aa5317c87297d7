using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>TLS ClientHellos (any port): SNI and JA3, one <c>tls</c> row each as it completes.</summary>
internal sealed class TlsProtocol : TrafficProtocol, ITlsEvents
{
    public static readonly ResultTableSchema TlsTable = new("tls", [Time("time"), Text("src"), Text("dst"), Text("sni"), Text("ja3")]);

    private readonly RecordSpool<TlsClientHelloRecord> _records = new(TrafficRecordJson.Default.TlsClientHelloRecord);
    private TableWriter _rows = null!;

    public override string Name => "tls";

    public override TrafficHooks Hooks => TrafficHooks.Streams;

    public override IReadOnlyList<ResultTableSchema> Tables => [TlsTable];

    public override void Start(ITrafficContext context)
    {
        base.Start(context);
        _rows = context.Table(TlsTable);
    }

    public override StreamConsumer? ClaimStream(Flow flow, bool fromA, ReadOnlySpan<byte> data) =>
        TlsClientHelloParser.LooksLikeHandshake(data) ? new TlsClientHelloParser(this) : null;

    public void OnTlsClientHello(Flow flow, bool fromA, string? sni, string ja3String)
    {
        if (sni is not null)
        {
            Context.Watch.Check(sni, NameWatch.TlsSni, flow, Context.Frame, Context.Time.TotalNanoseconds);
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        var ja3 = TlsClientHelloParser.Ja3Hash(ja3String);
        if (_rows.Active)
        {
            _rows.Integer(Context.Time.TotalNanoseconds).Text(Context.Text(src)).Endpoint(Context.Text(dst), dstPort).Text(sni).Text(ja3).EndRow();
        }
        else
        {
            _rows.CountOnly();
        }

        _records.Add(new TlsClientHelloRecord(Context.Frame, Context.Time, flow.Stream, Context.Text(src), srcPort, Context.Text(dst), dstPort,
            sni, ja3, ja3String));
    }

    public override void Report(TrafficReport report)
    {
        report.Tls = _records;
        report.Counts[Name] = _rows.Rows;
        foreach (var hello in _records)
        {
            if (hello.Sni is not null && Context.Watch.IsFlagged(hello.Sni))
            {
                report.Indicators.Add(IndicatorType.Ja3, hello.Ja3, $"TLS client to {hello.Sni}");
            }
        }
    }
}
