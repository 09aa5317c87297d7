using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// Interim adapter: writes a whole-document traffic or memory result into a run's tables and summary in the agreed
/// schemas, so the result pages work while the analysers still hand back whole documents. It goes when the analysers
/// stream their own tables into the run's <see cref="IResultSink"/>.
/// </summary>
public static class LegacyResultTables
{
    public static readonly ResultTableSchema Conversations = new("conversations",
    [
        new("protocol", ColumnType.Text), new("a", ColumnType.Text), new("b", ColumnType.Text),
        new("packets_ab", ColumnType.Integer), new("bytes_ab", ColumnType.Bytes), new("packets_ba", ColumnType.Integer), new("bytes_ba", ColumnType.Bytes),
        new("first_seen", ColumnType.Time), new("last_seen", ColumnType.Time), new("stream", ColumnType.Integer, Searchable: false),
    ]);

    public static readonly ResultTableSchema Hosts = new("hosts",
    [
        new("ip", ColumnType.Text), new("internal", ColumnType.Integer, Searchable: false), new("packets_sent", ColumnType.Integer),
        new("bytes_sent", ColumnType.Bytes), new("packets_received", ColumnType.Integer), new("bytes_received", ColumnType.Bytes),
    ]);

    public static readonly ResultTableSchema Dns = new("dns",
    [
        new("time", ColumnType.Time), new("src", ColumnType.Text), new("dst", ColumnType.Text), new("response", ColumnType.Integer),
        new("rcode", ColumnType.Integer), new("questions", ColumnType.Text), new("answers", ColumnType.Text),
    ]);

    public static readonly ResultTableSchema Http = new("http",
    [
        new("time", ColumnType.Time), new("src", ColumnType.Text), new("dst", ColumnType.Text), new("method", ColumnType.Text),
        new("host", ColumnType.Text), new("uri", ColumnType.Text), new("user_agent", ColumnType.Text),
    ]);

    public static readonly ResultTableSchema Tls = new("tls",
        [new("time", ColumnType.Time), new("src", ColumnType.Text), new("dst", ColumnType.Text), new("sni", ColumnType.Text), new("ja3", ColumnType.Text)]);

    public static readonly ResultTableSchema Stratum = new("stratum",
    [
        new("time", ColumnType.Time), new("src", ColumnType.Text), new("dst", ColumnType.Text), new("method", ColumnType.Text),
        new("login", ColumnType.Text), new("agent", ColumnType.Text),
    ]);

    public static readonly ResultTableSchema Irc = new("irc",
    [
        new("stream", ColumnType.Integer), new("client", ColumnType.Text), new("server", ColumnType.Text), new("server_name", ColumnType.Text),
        new("nicks", ColumnType.Text), new("channels", ColumnType.Text), new("topics", ColumnType.Text), new("messages", ColumnType.Integer),
    ]);

    public static readonly ResultTableSchema IrcLines = new("irc_lines",
    [
        new("stream", ColumnType.Integer), new("line", ColumnType.Integer), new("time", ColumnType.Time), new("direction", ColumnType.Text),
        new("text", ColumnType.Text),
    ]);

    public static readonly ResultTableSchema MappedFiles = new("mapped_files",
        [new("start", ColumnType.Address), new("end", ColumnType.Address), new("file_offset", ColumnType.Address), new("path", ColumnType.Text)]);

    public static readonly ResultTableSchema Modules = new("modules",
        [new("base", ColumnType.Address), new("size", ColumnType.Bytes), new("path", ColumnType.Text), new("timestamp", ColumnType.Time)]);

    public static readonly ResultTableSchema Threads = new("threads",
        [new("tid", ColumnType.Integer), new("state", ColumnType.Text), new("pc", ColumnType.Address)]);

    /// <summary>How many equal slices of the capture's time the summary's <c>timeBuckets</c> has.</summary>
    public const int TimeBuckets = 40;

    private static readonly JsonSerializerOptions MemoryJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Write(TrafficAnalysisResult r, IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(sink);
        var conversations = sink.Table(Conversations);
        foreach (var c in r.Conversations)
        {
            conversations.Add(c.Protocol.ToLowerInvariant(), c.A.ToString(), c.B.ToString(), c.PacketsAToB, c.BytesAToB, c.PacketsBToA, c.BytesBToA,
                c.FirstSeen.TotalNanoseconds, c.LastSeen.TotalNanoseconds, c.Stream);
        }

        var hosts = sink.Table(Hosts);
        foreach (var h in r.Hosts)
        {
            hosts.Add(h.Ip, h.Internal ? 1 : 0, h.PacketsSent, h.BytesSent, h.PacketsReceived, h.BytesReceived);
        }

        var dns = sink.Table(Dns);
        foreach (var d in r.Dns)
        {
            dns.Add(d.Time.TotalNanoseconds, d.Src, d.Dst, d.IsResponse ? 1 : 0, d.Rcode,
                string.Join(", ", d.Questions.Select(q => $"{q.Name} {q.Type}")), string.Join(", ", d.Answers.Select(a => $"{a.Name} {a.Type} {a.Value}")));
        }

        var http = sink.Table(Http);
        foreach (var h in r.Http)
        {
            http.Add(h.Time.TotalNanoseconds, h.Src, $"{h.Dst}:{h.DstPort}", h.Method, h.Host, h.Uri, h.UserAgent);
        }

        var tls = sink.Table(Tls);
        foreach (var t in r.Tls)
        {
            tls.Add(t.Time.TotalNanoseconds, t.Src, $"{t.Dst}:{t.DstPort}", t.Sni, t.Ja3);
        }

        var stratum = sink.Table(Stratum);
        foreach (var s in r.Stratum)
        {
            stratum.Add(s.Time.TotalNanoseconds, s.Src, $"{s.Dst}:{s.DstPort}", s.Method, s.Login, s.Agent);
        }

        var irc = sink.Table(Irc);
        var lines = sink.Table(IrcLines);
        foreach (var i in r.Irc)
        {
            irc.Add(i.Stream, i.Client.ToString(), i.Server.ToString(), i.ServerName, string.Join(", ", i.Nicks), string.Join(", ", i.Channels),
                string.Join(" | ", i.Topics), i.PrivateMessages);
            var line = 0;
            foreach (var chunk in i.Transcript)
            {
                foreach (var text in chunk.Text.Split('\n'))
                {
                    if (text.Length > 0)
                    {
                        lines.Add(i.Stream, ++line, null, chunk.FromClient ? "client" : "server", text.TrimEnd('\r'));
                    }
                }
            }
        }

        sink.Summary(Summary(r));
    }

    public static void Write(MemoryAnalysisResult r, IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(sink);
        var mapped = sink.Table(MappedFiles);
        foreach (var m in r.MappedFiles)
        {
            mapped.Add(m.Start, m.End, m.FileOffset, m.Path);
        }

        var modules = sink.Table(Modules);
        foreach (var m in r.Modules)
        {
            modules.Add(m.BaseAddress, m.Size, m.Path, m.Timestamp is { } t ? (t - DateTimeOffset.UnixEpoch).Ticks * 100 : null);
        }

        var threads = sink.Table(Threads);
        foreach (var t in r.Threads)
        {
            threads.Add(t.ThreadId, null, null);
        }

        sink.Summary(JsonSerializer.Serialize(r with { MappedFiles = [], Modules = [], Threads = [], Findings = [], Indicators = [] }, MemoryJson));
    }

    private static string Summary(TrafficAnalysisResult r)
    {
        var first = r.FirstSeen?.TotalNanoseconds;
        var last = r.LastSeen?.TotalNanoseconds;
        var buckets = new (long Conversations, long Packets, long Bytes)[TimeBuckets];
        var span = first is { } f && last is { } l ? Math.Max(1, l - f) : 1;
        foreach (var c in r.Conversations)
        {
            var slot = first is { } start ? (int)Math.Clamp((c.FirstSeen.TotalNanoseconds - start) * (double)TimeBuckets / span, 0, TimeBuckets - 1) : 0;
            buckets[slot] = (buckets[slot].Conversations + 1, buckets[slot].Packets + c.PacketsAToB + c.PacketsBToA, buckets[slot].Bytes + c.BytesAToB + c.BytesBToA);
        }

        var summary = new
        {
            kind = r.Kind,
            packets = r.Packets,
            bytes = r.Bytes,
            firstSeen = first,
            lastSeen = last,
            linkTypes = r.LinkTypes,
            ipFragments = r.IpFragments,
            hosts = r.Hosts.Count,
            conversations = r.Conversations.Count,
            counts = new
            {
                tcp = r.Conversations.Count(c => c.Protocol.Equals("tcp", StringComparison.OrdinalIgnoreCase)),
                udp = r.Conversations.Count(c => c.Protocol.Equals("udp", StringComparison.OrdinalIgnoreCase)),
                dns = r.Dns.Count,
                http = r.Http.Count,
                tls = r.Tls.Count,
                irc = r.Irc.Count,
                stratum = r.Stratum.Count,
            },
            topTalkers = r.Hosts.OrderByDescending(h => h.BytesSent + h.BytesReceived).Take(10)
                .Select(h => new { ip = h.Ip, @internal = h.Internal, bytes = h.BytesSent + h.BytesReceived }),
            timeBuckets = buckets.Select((b, i) => new { start = (first ?? 0) + (span * i / TimeBuckets), conversations = b.Conversations, packets = b.Packets, bytes = b.Bytes }),
        };
        return JsonSerializer.Serialize(summary);
    }
}
