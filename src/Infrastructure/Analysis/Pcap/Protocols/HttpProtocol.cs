using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>
/// HTTP/1.x requests found by content on any TCP port (and SSDP on UDP 1900): one <c>http</c> row per request as it
/// completes; responses are matched to requests in order; Basic authorization goes to the credential detection.
/// </summary>
internal sealed class HttpProtocol : TrafficProtocol, IHttpEvents
{
    public static readonly ResultTableSchema HttpTable = new("http",
    [
        Time("time"), Text("src"), Text("dst"), Text("method"), Text("host"), Text("uri"), Text("user_agent"),
    ]);

    private readonly RecordSpool<HttpRequestRecord> _records = new(TrafficRecordJson.Default.HttpRequestRecord);
    private TableWriter _rows = null!;

    public override string Name => "http";

    public override TrafficHooks Hooks => TrafficHooks.Streams | TrafficHooks.Datagrams;

    public override IReadOnlyList<ResultTableSchema> Tables => [HttpTable];

    public override void Start(ITrafficContext context)
    {
        base.Start(context);
        _rows = context.Table(HttpTable);
    }

    public override StreamConsumer? ClaimStream(Flow flow, bool fromA, ReadOnlySpan<byte> data)
    {
        if (HttpStreamParser.LooksLikeResponse(data))
        {
            return new HttpStreamParser(requests: false, this);
        }

        return HttpStreamParser.LooksLikeRequest(data) ? new HttpStreamParser(requests: true, this) : null;
    }

    public override bool OnDatagram(Flow flow, bool fromA, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> payload)
    {
        if ((srcPort == 1900 || dstPort == 1900) && HttpStreamParser.LooksLikeRequest(payload))
        {
            var parser = new HttpStreamParser(requests: true, this);
            parser.Consume(payload, true, flow, fromA);
            parser.Release();
            return true;
        }

        return false;
    }

    public void OnHttpRequest(Flow flow, bool fromA, string method, string uri, string? host, string? userAgent)
    {
        if (host is not null)
        {
            Context.Watch.Check(StripPort(host), NameWatch.HttpHost, flow, Context.Frame, Context.Time.TotalNanoseconds);
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        if (_rows.Active)
        {
            _rows.Integer(Context.Time.TotalNanoseconds).Text(Context.Text(src)).Endpoint(Context.Text(dst), dstPort).Text(method).Text(host).Text(uri)
                .Text(userAgent).EndRow();
        }
        else
        {
            _rows.CountOnly();
        }

        var pending = flow.Observer<PendingRequests>();
        if (pending is null)
        {
            pending = new PendingRequests();
            flow.Attach(pending);
        }

        var index = _records.Add(new HttpRequestRecord(Context.Frame, Context.Time, flow.Stream, Context.Text(src), srcPort, Context.Text(dst), dstPort,
            method, host, uri, userAgent, null));
        if (pending.Queue.Count < 64)
        {
            pending.Queue.Enqueue((index, method));
        }
    }

    public string? OnHttpResponse(Flow flow, bool fromA, int status)
    {
        if (flow.Observer<PendingRequests>() is not { Queue.Count: > 0 } pending || status is >= 100 and < 200)
        {
            return null;
        }

        var (index, method) = pending.Queue.Dequeue();
        _records.TryUpdate(index, r => r with { StatusCode = status });

        return method;
    }

    public void OnHttpAuthorization(Flow flow, bool fromA, string authorization, string? host)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string user;
        try
        {
            var decoded = Encoding.Latin1.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            user = colon >= 0 ? decoded[..colon] : decoded;
        }
        catch (FormatException)
        {
            user = "(undecodable)";
        }

        // The Host header may carry the port already (us1.bitminter.com:3333): name the server once, as host:port.
        var (src, _, dst, dstPort) = Endpoints(flow, fromA);
        var server = host is null ? Endpoint(dst, dstPort) : new TrafficEndpoint(StripPort(host).Trim('[', ']'), dstPort).ToString();
        Context.Threats.OnCredential("HTTP Basic", Context.Text(src), server, user, flow.Stream, Context.Frame, Context.Time);
    }

    public override void Report(TrafficReport report)
    {
        _records.Complete();
        report.Http = _records;
        report.Counts[Name] = _rows.Rows;
        foreach (var request in _records)
        {
            if (request.Host is not null && Context.Watch.IsFlagged(StripPort(request.Host)))
            {
                report.Indicators.Add(IndicatorType.Url, $"http://{request.Host}{request.Uri}", $"HTTP {request.Method}, frame {request.Frame}");
            }
        }
    }

    public static string StripPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.EndsWith(']') && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }

    /// <summary>The request line (as far as it is in this segment) ends in <c>HTTP/1.x</c>.</summary>
    /// <summary>Requests of one flow still waiting for their response.</summary>
    private sealed class PendingRequests : FlowObserver
    {
        public Queue<(long Index, string Method)> Queue { get; } = new();
    }
}
