using System.Text;
using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// The tables <see cref="TrafficAnalyser"/> streams into the sink: the agreed schemas, one row per record (row counts
/// equal the truth and the result), the summary document, and the IRC transcript decoded as UTF-8 or Latin-1 per line.
/// </summary>
public sealed class TrafficTablesTests
{
    private static readonly string[] AgreedTables = ["conversations", "hosts", "dns", "http", "tls", "stratum", "irc", "irc_lines"];

    [Fact]
    public void Analyser_is_the_traffic_plug_in_for_captures()
    {
        var analyser = new TrafficAnalyser();
        analyser.Name.ShouldBe("traffic");
        analyser.Kinds.ShouldBe([EvidenceKind.Pcap, EvidenceKind.Pcapng], ignoreOrder: true);
        analyser.Version.ShouldNotBeNullOrWhiteSpace();
        TrafficFindingCatalogue.Tables.Select(t => t.Name).ShouldBe(AgreedTables, ignoreOrder: true);
    }

    [Fact]
    public void Schemas_are_the_agreed_ones()
    {
        var tables = TrafficFindingCatalogue.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Columns(tables["conversations"]).ShouldBe(["protocol:Text", "a:Text", "b:Text", "packets_ab:Integer", "bytes_ab:Bytes", "packets_ba:Integer",
            "bytes_ba:Bytes", "first_seen:Time", "last_seen:Time", "stream:Integer-"]);
        Columns(tables["hosts"]).ShouldBe(["ip:Text", "internal:Integer-", "packets_sent:Integer", "bytes_sent:Bytes", "packets_received:Integer", "bytes_received:Bytes"]);
        Columns(tables["dns"]).ShouldBe(["time:Time", "src:Text", "dst:Text", "response:Integer-", "rcode:Integer-", "questions:Text", "answers:Text"]);
        Columns(tables["http"]).ShouldBe(["time:Time", "src:Text", "dst:Text", "method:Text", "host:Text", "uri:Text", "user_agent:Text"]);
        Columns(tables["tls"]).ShouldBe(["time:Time", "src:Text", "dst:Text", "sni:Text", "ja3:Text"]);
        Columns(tables["stratum"]).ShouldBe(["time:Time", "src:Text", "dst:Text", "method:Text", "login:Text", "agent:Text"]);
        Columns(tables["irc"]).ShouldBe(["stream:Integer-", "client:Text", "server:Text", "server_name:Text", "nicks:Text", "channels:Text", "topics:Text", "messages:Integer-"]);
        Columns(tables["irc_lines"]).ShouldBe(["stream:Integer-", "line:Integer-", "time:Time", "direction:Text-", "text:Text"]);
    }

    [Theory]
    [MemberData(nameof(PcapTruthTests.Captures), MemberType = typeof(PcapTruthTests))]
    public void Rows_written_to_the_sink_match_the_result_and_the_truth(string capture)
    {
        var truth = TestCaptures.Truth(capture);
        var (outcome, sink) = TestCaptures.Outcome(capture);
        var result = (TrafficAnalysisResult)outcome.Result;

        sink.Tables.Keys.ShouldBe(AgreedTables, ignoreOrder: true);
        var conversations = truth.GetProperty("conversations");
        sink.Rows("conversations").Count.ShouldBe(conversations.GetProperty("tcp_count").GetInt32() + conversations.GetProperty("udp_count").GetInt32());
        sink.Rows("conversations").Count.ShouldBe(result.Conversations.Count);
        sink.Rows("hosts").Count.ShouldBe(result.Hosts.Count);
        sink.Rows("dns").Count.ShouldBe(result.Dns.Count);
        sink.Rows("http").Count.ShouldBe(result.Http.Count);
        sink.Rows("tls").Count.ShouldBe(result.Tls.Count);
        sink.Rows("stratum").Count.ShouldBe(truth.GetProperty("stratum").GetProperty("messages").GetArrayLength());
        sink.Rows("stratum").Count.ShouldBe(result.Stratum.Count);
        sink.Rows("irc").Count.ShouldBe(truth.GetProperty("irc").GetProperty("heuristic_sessions").GetArrayLength());
        sink.Rows("irc").Count.ShouldBe(result.Irc.Count);

        // The rows carry the records: the same endpoints, times and names as the result.
        sink.Column("conversations", "a").Cast<string>().Order(StringComparer.Ordinal)
            .ShouldBe(result.Conversations.Select(c => c.A.ToString()).Order(StringComparer.Ordinal));
        sink.Column("dns", "time").ShouldBe(result.Dns.Select(d => (object?)d.Time.TotalNanoseconds));
        sink.Column("http", "uri").ShouldBe(result.Http.Select(h => (object?)h.Uri));
        sink.Column("tls", "ja3").ShouldBe(result.Tls.Select(t => (object?)t.Ja3));
        sink.Column("hosts", "bytes_sent").ShouldBe(result.Hosts.Select(h => (object?)h.BytesSent));

        using var summary = JsonDocument.Parse(sink.SummaryJson.ShouldNotBeNull());
        var root = summary.RootElement;
        root.GetProperty("kind").GetString().ShouldBe(result.Kind);
        root.GetProperty("packets").GetInt64().ShouldBe(result.Packets);
        root.GetProperty("bytes").GetInt64().ShouldBe(result.Bytes);
        root.GetProperty("hosts").GetInt32().ShouldBe(result.Hosts.Count);
        root.GetProperty("conversations").GetInt32().ShouldBe(result.Conversations.Count);
        var counts = root.GetProperty("counts");
        counts.GetProperty("tcp").GetInt32().ShouldBe(conversations.GetProperty("tcp_count").GetInt32());
        counts.GetProperty("udp").GetInt32().ShouldBe(conversations.GetProperty("udp_count").GetInt32());
        counts.GetProperty("dns").GetInt32().ShouldBe(result.Dns.Count);
        counts.GetProperty("stratum").GetInt32().ShouldBe(result.Stratum.Count);
        root.GetProperty("topTalkers").GetArrayLength().ShouldBe(Math.Min(10, result.Hosts.Count));
        if (result.FirstSeen is { } first)
        {
            root.GetProperty("firstSeen").GetInt64().ShouldBe(first.TotalNanoseconds);
            var buckets = root.GetProperty("timeBuckets").EnumerateArray().ToList();
            buckets.Count.ShouldBe(40);
            buckets.Sum(b => b.GetProperty("packets").GetInt64()).ShouldBe(result.Packets);
            buckets.Sum(b => b.GetProperty("bytes").GetInt64()).ShouldBe(result.Bytes);
            buckets.Sum(b => b.GetProperty("conversations").GetInt64()).ShouldBe(result.Conversations.Count);
            buckets[0].GetProperty("start").GetInt64().ShouldBe(first.TotalNanoseconds);
        }
        else
        {
            root.GetProperty("firstSeen").ValueKind.ShouldBe(JsonValueKind.Null);
        }
    }

    [Fact]
    public void Sink_and_document_get_every_row_past_the_in_memory_part()
    {
        // More conversations than the result list holds in memory: the table and the list (spooled) have every one.
        var count = RecordSpool<TrafficConversation>.DefaultMemoryLimit + 500;
        var packets = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            packets.Add(PacketFactory.Udp($"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}", "192.0.2.1", 20_000 + (i % 40_000), 9999, [1]));
        }

        var (outcome, sink) = TestCaptures.Run(PacketFactory.RawCapture(packets));

        ((TrafficAnalysisResult)outcome.Result).Conversations.Count.ShouldBe(count);
        sink.Rows("conversations").Count.ShouldBe(count);
        outcome.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Irc_lines_are_utf8_with_a_latin1_fallback_per_line()
    {
        var (outcome, sink) = TestCaptures.Outcome("zeek_irc-basic.pcap");
        var result = (TrafficAnalysisResult)outcome.Result;
        result.Irc[0].Transcript.ShouldContain(c => c.Text.Contains("Umeå", StringComparison.Ordinal));
        result.Irc[0].Transcript.ShouldNotContain(c => c.Text.Contains("UmeÃ¥", StringComparison.Ordinal));
        sink.Column("irc_lines", "text").ShouldContain(t => ((string)t!).Contains("Umeå", StringComparison.Ordinal));
        sink.Column("irc_lines", "direction").Distinct().ShouldBe(["client", "server"], ignoreOrder: true);
        sink.Column("irc_lines", "line").ShouldBe(Enumerable.Range(1, sink.Rows("irc_lines").Count).Select(i => (object?)(long)i));

        // One line in Latin-1 (an old client), the next in UTF-8: each is read in its own encoding.
        var packets = new List<byte[]>();
        new TcpScript(packets, "10.1.1.7", 49999, "198.51.100.9", 6667).Handshake()
            .Client("NICK bot\r\nUSER bot 0 * :bot\r\n")
            .Client([.. Encoding.Latin1.GetBytes("PRIVMSG #c :Ume\u00e5 latin\r\n"), .. Encoding.UTF8.GetBytes("PRIVMSG #c :Ume\u00e5 utf8 \u4e2d\u6587\r\n")]);
        var (built, builtSink) = TestCaptures.Run(PacketFactory.RawCapture(packets));

        var texts = builtSink.Column("irc_lines", "text").Cast<string>().ToList();
        texts.ShouldContain("PRIVMSG #c :Umeå latin");
        texts.ShouldContain("PRIVMSG #c :Umeå utf8 中文");
        ((TrafficAnalysisResult)built.Result).Irc[0].Transcript[0].Text.ShouldContain("Umeå utf8 中文");
    }

    [Fact]
    public async Task Json_and_text_come_from_the_analyser()
    {
        var analyser = new TrafficAnalyser();
        var (outcome, _) = TestCaptures.Outcome("jsiwek_bitcoin-mining.pcap");

        using var json = new MemoryStream();
        await analyser.WriteJsonAsync(outcome, json, CancellationToken.None);
        using var document = JsonDocument.Parse(json.ToArray());
        var finding = document.RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "traffic.mining.stratum");
        finding.GetProperty("severity").GetString().ShouldBe("high");
        finding.GetProperty("title").GetString().ShouldBe("Cryptocurrency mining (stratum / mining JSON-RPC)");
        finding.GetProperty("attack").GetString().ShouldBe("T1496");
        finding.GetProperty("arguments").EnumerateArray().First(a => a.GetProperty("name").GetString() == "pools")
            .GetProperty("type").GetString().ShouldBe("endpoint");
        finding.GetProperty("reference").GetProperty("table").GetString().ShouldBe("stratum");
        document.RootElement.GetProperty("warningCodes").GetArrayLength().ShouldBe(0);

        var text = new StringWriter();
        await analyser.WriteTextAsync(outcome, text, CancellationToken.None);
        text.ToString().ShouldContain("traffic.mining.stratum");
        text.ToString().ShouldContain("188 packets");
    }

    [Fact]
    public async Task Non_captures_are_unsupported_evidence()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("this is not a capture at all, just text"));
        await Should.ThrowAsync<UnsupportedEvidenceException>(() =>
            new TrafficAnalyser().AnalyseAsync(new AnalysisInput(stream, "x.txt", EvidenceKind.Pcap), new RecordingSink(), CancellationToken.None));
    }

    [Fact]
    public void Damaged_captures_give_a_partial_outcome_with_coded_warnings()
    {
        var (outcome, sink) = TestCaptures.Outcome("derived_truncated-mid-packet_markofu_ppa-http.cap");

        outcome.Warnings.ShouldContain(w => w.Code == "traffic.capture.truncated");
        ((TrafficAnalysisResult)outcome.Result).Packets.ShouldBeGreaterThan(0);
        sink.Rows("conversations").ShouldNotBeEmpty();
        ((TrafficAnalysisResult)outcome.Result).WarningCodes.Select(w => w.Code).ShouldBe(outcome.Warnings.Select(w => w.Code));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Mutated_captures_through_the_plug_in_never_throw_other_than_unsupported(int seed)
    {
        var seeds = TestCaptures.Names().Select(n => File.ReadAllBytes(TestCaptures.PathOf(n))).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < 150; i++)
        {
            var bytes = (byte[])seeds[random.Next(seeds.Length)].Clone();
            for (var flips = random.Next(1, 20); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            var cut = random.Next(bytes.Length / 2, bytes.Length + 1);
            try
            {
                var (outcome, sink) = TestCaptures.Run(bytes[..cut]);
                sink.SummaryJson.ShouldNotBeNull();
                outcome.Warnings.ShouldAllBe(w => TrafficFindingCatalogue.Instance.Warnings.Contains(w.Code));
            }
            catch (UnsupportedEvidenceException)
            {
            }
        }
    }

    private static List<string> Columns(ResultTableSchema table) =>
        [.. table.Columns.Select(c => $"{c.Name}:{c.Type}{(c.Searchable ? string.Empty : "-")}")];
}
