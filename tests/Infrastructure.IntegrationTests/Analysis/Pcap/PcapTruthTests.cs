using System.Text.Json;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Every capture in the shared test data against its tshark 4.0.17 truth (<c>*.truth.json</c>):
/// packets, times, conversations, hosts, DNS, HTTP, TLS, IRC and stratum.
/// </summary>
public sealed class PcapTruthTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var name in TestCaptures.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Test_data_is_present()
    {
        TestCaptures.Names().Count().ShouldBeGreaterThanOrEqualTo(21, $"captures expected in {TestCaptures.Directory}");
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Packets_times_and_damage_warnings_match_truth(string capture)
    {
        var truth = TestCaptures.Truth(capture);
        var result = TestCaptures.Analyze(capture);
        var summary = truth.GetProperty("summary");

        result.Kind.ShouldBe(truth.GetProperty("file_header").GetProperty("format").GetString());
        result.Packets.ShouldBe(summary.GetProperty("packet_count").GetInt64());
        result.Bytes.ShouldBe(summary.GetProperty("total_frame_bytes").GetInt64());
        result.FirstSeen!.Value.ToEpochString().ShouldBe(summary.GetProperty("min_time_epoch").GetString());
        result.LastSeen!.Value.ToEpochString().ShouldBe(summary.GetProperty("max_time_epoch").GetString());

        var damaged = truth.GetProperty("tshark_read").GetProperty("rc").GetInt32() != 0;
        var truncatedFrames = summary.GetProperty("snaplen_truncated_frames").GetInt32() > 0
            && truth.GetProperty("conversations").GetProperty("tcp_count").GetInt32() == 0
            && truth.GetProperty("conversations").GetProperty("udp_count").GetInt32() == 0;
        if (damaged || truncatedFrames)
        {
            result.Warnings.ShouldNotBeEmpty();
        }
        else
        {
            result.Warnings.ShouldBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Conversations_equal_truth(string capture)
    {
        var truth = TestCaptures.Truth(capture).GetProperty("conversations");
        var result = TestCaptures.Analyze(capture);
        foreach (var protocol in new[] { "tcp", "udp" })
        {
            var expected = TestCaptures.Rows(truth.GetProperty(protocol));
            var actual = result.Conversations.Where(c => c.Protocol == protocol).OrderBy(c => c.Stream).ToList();
            actual.Count.ShouldBe(expected.Count, $"{protocol} conversations");
            for (var i = 0; i < expected.Count; i++)
            {
                var e = expected[i];
                var a = actual[i];
                var label = $"{protocol} stream {e["stream"]}";
                a.Stream.ShouldBe(e["stream"].GetInt32(), label);
                a.A.ShouldBe(new TrafficEndpoint(e["a_addr"].GetString()!, e["a_port"].GetInt32()), label);
                a.B.ShouldBe(new TrafficEndpoint(e["b_addr"].GetString()!, e["b_port"].GetInt32()), label);
                a.PacketsAToB.ShouldBe(e["frames_a_to_b"].GetInt64(), label);
                a.BytesAToB.ShouldBe(e["bytes_a_to_b"].GetInt64(), label);
                a.PacketsBToA.ShouldBe(e["frames_b_to_a"].GetInt64(), label);
                a.BytesBToA.ShouldBe(e["bytes_b_to_a"].GetInt64(), label);
                a.FirstFrame.ShouldBe(e["first_frame"].GetInt64(), label);
                a.FirstSeen.ToEpochString().ShouldBe(e["first_time_epoch"].GetString(), label);
                a.LastSeen.ToEpochString().ShouldBe(e["last_time_epoch"].GetString(), label);
                if (protocol == "tcp")
                {
                    (a.Syn, a.SynAck, a.Fin, a.Rst).ShouldBe(
                        (e["syn"].GetInt32(), e["syn_ack"].GetInt32(), e["fin"].GetInt32(), e["rst"].GetInt32()), label);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Hosts_equal_truth_ip_endpoints(string capture)
    {
        var truth = TestCaptures.Truth(capture).GetProperty("ip_endpoints");
        var expected = TestCaptures.Rows(truth.GetProperty("endpoints"))
            .Select(e => (e["addr"].GetString()!, e["frames_tx"].GetInt64(), e["bytes_tx"].GetInt64(), e["frames_rx"].GetInt64(), e["bytes_rx"].GetInt64()))
            .Order()
            .ToList();
        var actual = TestCaptures.Analyze(capture).Hosts
            .Select(h => (h.Ip, h.PacketsSent, h.BytesSent, h.PacketsReceived, h.BytesReceived))
            .Order()
            .ToList();
        actual.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Dns_messages_equal_truth(string capture)
    {
        var truth = TestCaptures.Truth(capture).GetProperty("dns");
        var expected = truth.GetProperty("queries").EnumerateArray().Concat(truth.GetProperty("responses").EnumerateArray())
            .Select(DnsKey)
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = TestCaptures.Analyze(capture).Dns
            .Select(d => string.Join(" | ",
                d.Frame, d.Src, d.SrcPort, d.Dst, d.DstPort, d.IsResponse, d.IsResponse ? d.Rcode : null,
                string.Join(",", d.Questions.Select(q => $"{q.Name}/{q.TypeCode}")),
                string.Join(",", d.Answers.Where(a => a.TypeCode is 1 or 28 or 5).Select(a => $"{a.Name}/{a.TypeCode}={a.Value}"))))
            .Order(StringComparer.Ordinal)
            .ToList();
        actual.ShouldBe(expected);
    }

    private static string DnsKey(JsonElement m)
    {
        var response = m.TryGetProperty("rcode", out var rcode);
        var answers = response
            ? m.GetProperty("answers").EnumerateArray()
                .Where(a => a.GetProperty("type").GetInt32() is 1 or 28 or 5)
                .Select(a => $"{a.GetProperty("name").GetString()}/{a.GetProperty("type").GetInt32()}={a.GetProperty("value").GetString()}")
            : [];
        return string.Join(" | ",
            m.GetProperty("frame").GetInt64(), m.GetProperty("src").GetString(), m.GetProperty("sport").GetInt32(),
            m.GetProperty("dst").GetString(), m.GetProperty("dport").GetInt32(), response, response ? rcode.GetInt32() : null,
            string.Join(",", m.GetProperty("questions").EnumerateArray().Select(q => $"{q.GetProperty("qname").GetString()}/{q.GetProperty("qtype").GetInt32()}")),
            string.Join(",", answers));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Http_requests_equal_truth(string capture)
    {
        var truth = TestCaptures.Truth(capture).GetProperty("http");
        var expected = truth.GetProperty("requests").EnumerateArray()
            .Select(r => string.Join(" | ", r.GetProperty("frame").GetInt64(), r.GetProperty("src").GetString(), r.GetProperty("dst").GetString(),
                r.GetProperty("dport").GetInt32(), r.GetProperty("method").GetString(), r.GetProperty("host").GetString(),
                r.GetProperty("uri").GetString(), r.GetProperty("user_agent").GetString()))
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = TestCaptures.Analyze(capture).Http
            .Select(r => string.Join(" | ", r.Frame, r.Src, r.Dst, r.DstPort, r.Method, r.Host, r.Uri, r.UserAgent))
            .Order(StringComparer.Ordinal)
            .ToList();
        actual.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Tls_client_hellos_equal_truth(string capture)
    {
        var truth = TestCaptures.Truth(capture).GetProperty("tls");
        var expected = truth.GetProperty("client_hellos").EnumerateArray()
            .Where(h => !h.GetProperty("over_quic").GetBoolean())
            .Select(h => string.Join(" | ", h.GetProperty("frame").GetInt64(), h.GetProperty("src").GetString(), h.GetProperty("dst").GetString(),
                h.GetProperty("dport").GetInt32(), h.GetProperty("sni").GetString()))
            .Order(StringComparer.Ordinal)
            .ToList();
        var tls = TestCaptures.Analyze(capture).Tls;
        var actual = tls
            .Select(h => string.Join(" | ", h.Frame, h.Src, h.Dst, h.DstPort, h.Sni))
            .Order(StringComparer.Ordinal)
            .ToList();
        actual.ShouldBe(expected);
        tls.ShouldAllBe(h => h.Ja3.Length == 32 && h.Ja3String.Split(',', StringSplitOptions.None).Length == 5);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Irc_sessions_equal_truth_heuristic_sessions(string capture)
    {
        var truth = TestCaptures.Truth(capture).GetProperty("irc");
        var expected = truth.GetProperty("heuristic_sessions").EnumerateArray()
            .Select(s => string.Join(" | ", s.GetProperty("stream").GetInt32(), s.GetProperty("client").GetString(), s.GetProperty("server").GetString(),
                string.Join(",", s.GetProperty("nicks").EnumerateArray().Select(n => n.GetString())),
                string.Join(",", s.GetProperty("channels").EnumerateArray().Select(n => n.GetString()))))
            .ToList();
        var actual = TestCaptures.Analyze(capture).Irc
            .Select(s => string.Join(" | ", s.Stream, s.Client.ToString(), s.Server.ToString(), string.Join(",", s.Nicks), string.Join(",", s.Channels)))
            .ToList();
        actual.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Stratum_messages_and_logins_equal_truth(string capture)
    {
        var truth = TestCaptures.Truth(capture).GetProperty("stratum");
        var expected = truth.GetProperty("messages").EnumerateArray()
            .Select(m => string.Join(" | ", m.GetProperty("frame").GetInt64(), m.GetProperty("src").GetString(), m.GetProperty("dst").GetString(),
                m.GetProperty("dport").GetInt32(), m.GetProperty("method").GetString(),
                m.TryGetProperty("login", out var login) ? login.ToString() : null,
                m.TryGetProperty("agent", out var agent) && agent.ValueKind == JsonValueKind.String ? agent.GetString() : null))
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = TestCaptures.Analyze(capture).Stratum
            .Select(m => string.Join(" | ", m.Frame, m.Src, m.Dst, m.DstPort, m.Method, m.Login, m.Agent))
            .Order(StringComparer.Ordinal)
            .ToList();
        actual.ShouldBe(expected);
    }
}
