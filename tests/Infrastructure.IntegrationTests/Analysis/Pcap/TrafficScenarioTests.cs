using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Built packet sequences for behaviour the shared captures do not show: reassembly across segments,
/// retransmissions, port reuse, IRC on an odd port, and each detection with its evidence.
/// </summary>
public sealed class TrafficScenarioTests
{
    private static TrafficAnalysisResult Analyze(List<byte[]> packets, long stepNanos = 1_000_000)
    {
        using var stream = new MemoryStream(PacketFactory.RawCapture(packets, stepNanos: stepNanos));
        return new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Fact]
    public void Http_requests_split_across_segments_and_pipelined_are_reassembled()
    {
        var packets = new List<byte[]>();
        new TcpScript(packets, "10.0.0.1", 40000, "93.184.216.34", 8080).Handshake()
            .Client("GET /a/b?c=1 HTTP/1.1\r\nHo")
            .Client("st: evil.ddns.net\r\nUser-Agent: Agent/1.0\r\nAuthoriz")
            .Retransmit()
            .Client("ation: Basic dXNlcjpzZWNyZXQ=\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
            .Client("POST /upload HTTP/1.1\r\nHost: evil.ddns.net\r\nContent-Length: 4\r\n\r\nab")
            .Client("cd")
            .Server("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            .Close();

        var result = Analyze(packets);

        result.Http.Count.ShouldBe(2);
        var get = result.Http[0];
        (get.Method, get.Host, get.Uri, get.UserAgent, get.Frame, get.StatusCode).ShouldBe(("GET", "evil.ddns.net", "/a/b?c=1", "Agent/1.0", 7L, 200));
        (get.Src, get.Dst, get.DstPort).ShouldBe(("10.0.0.1", "93.184.216.34", 8080));
        var post = result.Http[1];
        (post.Method, post.Uri, post.Frame, post.StatusCode).ShouldBe(("POST", "/upload", 10L, 404));

        var credentials = result.Findings.Where(f => f.Code == "traffic.credentials.cleartext").ShouldHaveSingleItem();
        credentials.Detail.ShouldContain("u**r");
        credentials.Arguments.Single(a => a.Name == "server").Value.ShouldBe("evil.ddns.net:8080");
        TrafficAnalysisJson.Serialize(result).ShouldNotContain("secret");
        result.Findings.ShouldContain(f => f.Code == "traffic.dns.dynamic-dns" && f.Detail.Contains("evil.ddns.net", StringComparison.Ordinal));
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Domain && i.Value == "evil.ddns.net");
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Url && i.Value == "http://evil.ddns.net/a/b?c=1");
    }

    [Fact]
    public void Tls_client_hello_split_across_segments_gives_the_same_sni_and_ja3()
    {
        var original = TestCaptures.Analyze("zeek_chrome-34-google.pcap").Tls.ShouldHaveSingleItem();
        var hello = CaptureBuilder.ReadClassicPcap(TestCaptures.PathOf("zeek_chrome-34-google.pcap"))
            .Select(p => PacketFactory.TcpPayload(p.Data))
            .First(p => p.Length > 5 && p[0] == 0x16 && p[5] == 1);
        var packets = new List<byte[]>();
        new TcpScript(packets, "192.168.1.10", 50000, "173.194.70.94", 443).Handshake()
            .Client(hello[..3])
            .Client(hello[3..100])
            .Client(hello[100..]);

        var result = Analyze(packets);

        var tls = result.Tls.ShouldHaveSingleItem();
        (tls.Sni, tls.Ja3, tls.Ja3String, tls.Frame).ShouldBe((original.Sni, original.Ja3, original.Ja3String, 6L));
        tls.Sni.ShouldBe("google.de");
    }

    [Fact]
    public void Irc_on_any_port_gives_session_and_bounded_transcript()
    {
        var packets = new List<byte[]>();
        var script = new TcpScript(packets, "10.1.1.7", 49999, "198.51.100.9", 4444).Handshake()
            .Client("NICK bot123\r\nUSER bot 0 * :bot\r\n")
            .Server(":irc.evil.net 001 bot123 :Welcome\r\n")
            .Client("JOIN #cmd,#cmd2 key\r\n")
            .Server(":irc.evil.net 332 bot123 #cmd :.ddos 203.0.113.5\r\n:bot123!bot@host JOIN :#cmd\r\n")
            .Client("PRIVMSG #cmd :ready\r\n");
        for (var i = 0; i < 50; i++)
        {
            script.Server(new string('x', 1400)); // more than the transcript keeps
        }

        var result = Analyze(packets);

        var irc = result.Irc.ShouldHaveSingleItem();
        irc.Client.ShouldBe(new TrafficEndpoint("10.1.1.7", 49999));
        irc.Server.ShouldBe(new TrafficEndpoint("198.51.100.9", 4444));
        irc.ServerName.ShouldBe("irc.evil.net");
        irc.Nicks.ShouldBe(["bot123"]);
        irc.Users.ShouldBe(["bot"]);
        irc.Channels.ShouldBe(["#cmd", "#cmd2"]);
        irc.Topics.ShouldHaveSingleItem().ShouldContain(".ddos 203.0.113.5");
        irc.PrivateMessages.ShouldBe(1);
        irc.Transcript[0].FromClient.ShouldBeTrue();
        irc.Transcript[0].Text.ShouldStartWith("NICK bot123\r\n");
        irc.Transcript[1].FromClient.ShouldBeFalse();
        irc.Transcript.Sum(c => c.Text.Length).ShouldBe(IrcState.MaxTranscriptBytes);
        irc.TranscriptTruncated.ShouldBeTrue();
        result.Findings.ShouldContain(f => f.Code == "traffic.irc.session");
    }

    [Fact]
    public void Reused_port_pair_after_close_is_a_new_stream()
    {
        var packets = new List<byte[]>();
        new TcpScript(packets, "10.0.0.1", 40000, "10.0.0.2", 22, clientIsn: 100).Handshake().Client("a").Close();
        new TcpScript(packets, "10.0.0.1", 40000, "10.0.0.2", 22, clientIsn: 90000).Handshake().Client("b").Close();

        var result = Analyze(packets);

        result.Conversations.Select(c => (c.Stream, c.PacketsAToB, c.PacketsBToA, c.FirstFrame)).ShouldBe([(0, 5, 2, 1L), (1, 5, 2, 8L)]);
    }

    [Fact]
    public void Port_scan_and_stealth_probes_are_detected()
    {
        var packets = new List<byte[]>();
        for (var port = 1; port <= 25; port++)
        {
            packets.Add(PacketFactory.Tcp("10.9.9.9", "10.0.0.2", 50000, port, 7, 0, PacketFactory.Syn));
            packets.Add(PacketFactory.Tcp("10.0.0.2", "10.9.9.9", port, 50000, 0, 8, PacketFactory.Rst | PacketFactory.Ack));
        }

        foreach (var flags in new[] { 0, PacketFactory.Fin, PacketFactory.Fin | PacketFactory.Psh | PacketFactory.Urg, 0, PacketFactory.Fin, 0 })
        {
            packets.Add(PacketFactory.Tcp("10.8.8.8", "10.0.0.2", 51000, 1000 + packets.Count, 7, 0, flags));
        }

        var result = Analyze(packets);

        var scan = result.Findings.Where(f => f.Code == "traffic.scan.ports").ShouldHaveSingleItem();
        scan.Title.ShouldBe("Port scan from 10.9.9.9");
        scan.Severity.ShouldBe(FindingSeverity.High, "an internal scanner");
        scan.Detail.ShouldContain("25 SYNs");
        scan.Detail.ShouldContain("25 connection attempts were never answered");
        var stealth = result.Findings.Where(f => f.Code == "traffic.scan.stealth").ShouldHaveSingleItem();
        stealth.Detail.ShouldContain("3 NULL, 2 FIN and 1 XMAS");
        result.Findings.ShouldNotContain(f => f.Code.StartsWith("traffic.flood.", StringComparison.Ordinal));
    }

    [Fact]
    public void Syn_flood_rate_per_target_is_detected()
    {
        var packets = new List<byte[]>();
        for (var i = 0; i < 150; i++)
        {
            packets.Add(PacketFactory.Tcp($"198.18.0.{1 + (i % 30)}", "10.0.0.80", 1024 + i, 443, (uint)i * 77, 0, PacketFactory.Syn));
        }

        var result = Analyze(packets);

        var flood = result.Findings.Where(f => f.Code == "traffic.flood.syn").ShouldHaveSingleItem();
        flood.Title.ShouldBe("SYN flood against 10.0.0.80");
        flood.Severity.ShouldBe(FindingSeverity.High);
        flood.Detail.ShouldContain("150 SYNs from 30 sources");
        flood.Detail.ShouldContain("peak 150/s");
    }

    [Fact]
    public void Regular_connections_are_beaconing_and_irregular_ones_are_not()
    {
        var packets = new List<byte[]>();
        for (var i = 0; i < 8; i++)
        {
            new TcpScript(packets, "10.0.0.5", 41000 + i, "203.0.113.50", 443).Handshake().Close();
        }

        // 6 packets per connection, one second apart: a start every 6 s exactly.
        var result = Analyze(packets, stepNanos: 1_000_000_000);

        var beacon = result.Findings.Where(f => f.Code == "traffic.beacon.periodic").ShouldHaveSingleItem();
        beacon.Title.ShouldBe("Beaconing from 10.0.0.5 to 203.0.113.50:443/tcp");
        beacon.Detail.ShouldContain("8 connections every 6 s");
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Ip && i.Value == "203.0.113.50");

        var irregular = new List<byte[]>();
        for (var i = 0; i < 8; i++)
        {
            new TcpScript(irregular, "10.0.0.5", 41000 + i, "203.0.113.50", 443).Handshake().Client(new string('x', 1 + (i * i * 7))).Close();
            for (var pad = 0; pad < i * i; pad++)
            {
                irregular.Add(PacketFactory.Udp("10.0.0.9", "10.0.0.10", 9, 9, [1]));
            }
        }

        Analyze(irregular, stepNanos: 1_000_000_000).Findings.ShouldNotContain(f => f.Code == "traffic.beacon.periodic");
    }

    [Fact]
    public void Outside_host_reaching_internal_service_is_reported()
    {
        var packets = new List<byte[]>();
        new TcpScript(packets, "203.0.113.66", 55555, "192.168.1.20", 3389).Handshake().Client("x");

        var result = Analyze(packets);

        var finding = result.Findings.Where(f => f.Code == "traffic.inbound.internal-service").ShouldHaveSingleItem();
        finding.Title.ShouldBe("Outside hosts reached internal service 192.168.1.20:3389");
        finding.Detail.ShouldContain("203.0.113.66");
        result.Hosts.Single(h => h.Ip == "192.168.1.20").Internal.ShouldBeTrue();
        result.Hosts.Single(h => h.Ip == "203.0.113.66").Internal.ShouldBeFalse();
    }

    [Fact]
    public void Ftp_credentials_are_flagged_without_the_password()
    {
        var packets = new List<byte[]>();
        new TcpScript(packets, "10.0.0.3", 42000, "198.51.100.21", 21).Handshake()
            .Server("220 ready\r\n").Client("USER administrator\r\n").Server("331 password\r\n").Client("PASS hunter2\r\n");

        var result = Analyze(packets);

        var finding = result.Findings.Where(f => f.Code == "traffic.credentials.cleartext").ShouldHaveSingleItem();
        finding.Title.ShouldBe("Cleartext credentials (FTP) sent to 198.51.100.21:21");
        finding.Detail.ShouldContain("a***********r");
        TrafficAnalysisJson.Serialize(result).ShouldNotContain("hunter2");
    }

    [Fact]
    public void Stratum_login_and_mining_pool_dns_give_wallet_and_domain_indicators()
    {
        const string Wallet = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
        var packets = new List<byte[]>
        {
            PacketFactory.Udp("10.0.0.7", "10.0.0.1", 53000, 53, PacketFactory.DnsQuery(0x1234, "pool.supportxmr.com")),
        };
        new TcpScript(packets, "10.0.0.7", 43000, "94.130.12.27", 3333).Handshake()
            .Client($$$"""{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"{{{Wallet}}}.rig1","pass":"x","agent":"XMRig/6.21.0 (Linux x86_64)"}}""" + "\n")
            .Server("""{"id":1,"jsonrpc":"2.0","error":null,"result":{"id":"1","job":{"blob":"00","job_id":"a","target":"ffff"}}}""" + "\n")
            .Server("""{"jsonrpc":"2.0","method":"job","params":{"blob":"01","job_id":"b","target":"ffff"}}""" + "\n")
            .Client("""{"id":2,"jsonrpc":"2.0","method":"submit","params":{"id":"1","job_id":"b","nonce":"00000001","result":"ab"}}""" + "\n");

        var result = Analyze(packets);

        result.Stratum.Select(s => (s.Method, s.Login, s.Agent)).ShouldBe(
        [
            ("login", $"{Wallet}.rig1", "XMRig/6.21.0 (Linux x86_64)"),
            ("job", null, null),
            ("submit", null, null),
        ]);
        result.Dns.ShouldHaveSingleItem().Questions.ShouldHaveSingleItem().Name.ShouldBe("pool.supportxmr.com");
        result.Findings.ShouldContain(f => f.Code == "traffic.mining.stratum" && f.Detail.Contains("94.130.12.27:3333", StringComparison.Ordinal));
        result.Findings.ShouldContain(f => f.Code == "traffic.mining.pool-domain" && f.Detail.Contains("pool.supportxmr.com", StringComparison.Ordinal));
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Wallet && i.Value == Wallet);
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Domain && i.Value == "pool.supportxmr.com");
    }

    [Fact]
    public void Dns_compression_loops_and_bad_pointers_do_not_hang_or_throw()
    {
        var looping = PacketFactory.DnsQuery(7, "a.example");
        looping[5] = 1; // one question
        var message = looping[..12].Concat(new byte[] { 0xC0, 12, 0, 1, 0, 1 }).ToArray(); // name points at itself
        var outOfRange = looping[..12].Concat(new byte[] { 0xC0, 0xFF, 0, 1, 0, 1 }).ToArray();
        var packets = new List<byte[]>
        {
            PacketFactory.Udp("10.0.0.7", "10.0.0.1", 53000, 53, message),
            PacketFactory.Udp("10.0.0.7", "10.0.0.1", 53001, 53, outOfRange),
            PacketFactory.Udp("10.0.0.7", "10.0.0.1", 53002, 53, PacketFactory.DnsQuery(8, "ok.example")),
        };

        var result = Analyze(packets);

        result.Dns.Count.ShouldBe(3);
        result.Dns[0].Questions.ShouldBeEmpty();
        result.Dns[2].Questions.ShouldHaveSingleItem().Name.ShouldBe("ok.example");
    }

    [Fact]
    public void Every_stream_is_listed_however_many_are_open_at_once()
    {
        // More single-packet UDP streams than the old 262,144-stream cap, all open at once (1 ms apart): no stream is
        // closed early, every conversation is listed (past the in-memory part of the list) and no warning is given.
        var count = 263_000;
        var packets = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            packets.Add(PacketFactory.Udp($"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}", "192.0.2.1", 20_000 + (i % 40_000), 9999, [1]));
        }

        var result = Analyze(packets);

        result.Packets.ShouldBe(count);
        result.Hosts.Single(h => h.Ip == "192.0.2.1").PacketsReceived.ShouldBe(count);
        result.Hosts.Count.ShouldBe(count + 1);
        result.Conversations.Count.ShouldBe(count);
        result.Conversations.Select(c => c.Stream).ShouldBe(Enumerable.Range(0, count));
        result.Conversations.ShouldAllBe(c => c.PacketsAToB == 1 && c.PacketsBToA == 0);
        result.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(30, true)]  // 32,768 one-off tuples over 16 minutes: the oldest are past the 10-minute idle timeout
    [InlineData(10, false)] // the same over 5.5 minutes: none is stale, so the full table cannot take the beacon's tuple
    public void A_full_beacon_table_forgets_stale_one_off_tuples_and_still_finds_a_later_beacon(int stepMillis, bool found)
    {
        // The detection keeps at most 32,768 (protocol, source, destination, port) tuples; one-off connections fill it.
        var packets = new List<byte[]>();
        for (var i = 0; i < 32_768; i++)
        {
            packets.Add(PacketFactory.Udp($"10.1.{i >> 8}.{i & 0xFF}", "192.0.2.1", 20_000, 9999, [1]));
        }

        for (var start = 0; start < 6; start++)
        {
            packets.Add(PacketFactory.Udp("10.200.0.1", "203.0.113.77", 40_000 + start, 8443, [1]));
            packets.AddRange(Enumerable.Range(0, 199).Select(_ => PacketFactory.Udp("10.0.0.9", "10.0.0.10", 9, 9, [1])));
        }

        var result = Analyze(packets, stepNanos: stepMillis * 1_000_000L);

        result.Findings.Any(f => f.Code == "traffic.beacon.periodic" && f.Title.Contains("10.200.0.1", StringComparison.Ordinal)).ShouldBe(found);
    }

    [Theory]
    [InlineData(5, 1)]   // 5 minutes apart (capture time): one conversation
    [InlineData(11, 3)]  // 11 minutes apart: past the 10-minute inactivity timeout, each packet starts a new one
    public void A_quiet_stream_is_retired_after_ten_minutes_of_capture_time(int minutesApart, int conversations)
    {
        List<byte[]> packets = [.. Enumerable.Range(0, 3).Select(_ => PacketFactory.Udp("10.0.0.1", "10.0.0.2", 5000, 9999, [1]))];

        var result = Analyze(packets, stepNanos: minutesApart * 60_000_000_000L);

        result.Conversations.Count.ShouldBe(conversations);
        result.Conversations.Select(c => c.Stream).ShouldBe(Enumerable.Range(0, conversations));
        result.Conversations.Sum(c => c.PacketsAToB).ShouldBe(3);
    }

    [Fact]
    public void A_tcp_stream_closed_both_ways_is_retired_after_two_quiet_minutes()
    {
        // Three minutes between packets: an open stream stays (under 10 minutes), but after FIN from both sides a
        // late ACK three minutes on is past the 2-minute timeout of an ended stream and starts a new conversation.
        const int syn = 0x02, ack = 0x10, fin = 0x01;
        List<byte[]> packets =
        [
            PacketFactory.Tcp("10.0.0.1", "10.0.0.2", 40000, 80, 100, 0, syn),
            PacketFactory.Tcp("10.0.0.2", "10.0.0.1", 80, 40000, 500, 101, syn | ack),
            PacketFactory.Tcp("10.0.0.1", "10.0.0.2", 40000, 80, 101, 501, ack),
            PacketFactory.Tcp("10.0.0.1", "10.0.0.2", 40000, 80, 101, 501, fin | ack),
            PacketFactory.Tcp("10.0.0.2", "10.0.0.1", 80, 40000, 501, 102, fin | ack),
            PacketFactory.Tcp("10.0.0.1", "10.0.0.2", 40000, 80, 102, 502, ack),
        ];

        var result = Analyze(packets, stepNanos: 180_000_000_000L);

        result.Conversations.Select(c => (c.Stream, c.PacketsAToB + c.PacketsBToA, c.Fin)).ShouldBe([(0, 5L, 2), (1, 1L, 0)]);
    }
}
