using System.Text.Json;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Cli.Commands;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary><c>casemgr analyze</c> on captures, in-process: sniffing, JSON shape, summary and exit codes.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("casemgr-traffic-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData("zeek_irc-basic.pcap", true)]
    [InlineData("zeek_pcapng-multi-interface.pcapng", true)]
    [InlineData("TRUTH_FORMAT.md", false)]
    [InlineData("zeek_irc-basic.pcap.truth.json", false)]
    public void IsCapture_sniffs_magic_numbers(string file, bool expected) =>
        IsCapture(TestCaptures.PathOf(file)).ShouldBe(expected);

    [Fact]
    public void IsCapture_sniffs_nanosecond_and_big_endian_pcap()
    {
        var packets = CaptureBuilder.ReadClassicPcap(TestCaptures.PathOf("zeek_irc-basic.pcap"));
        var file = Path.Combine(_scratch, "be-nsec.pcap");
        File.WriteAllBytes(file, CaptureBuilder.Pcap(packets, 1, bigEndian: true, nanoseconds: true));
        IsCapture(file).ShouldBeTrue();
    }

    [Fact]
    public async Task Json_has_the_documented_camel_case_shape()
    {
        var (code, stdout, _) = await Run("zeek_irc-basic.pcap", json: true);

        code.ShouldBe(0);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        foreach (var name in new[] { "kind", "warnings", "packets", "bytes", "firstSeen", "lastSeen", "conversations", "hosts", "dns", "http", "tls", "irc", "stratum", "findings", "indicators" })
        {
            root.TryGetProperty(name, out _).ShouldBeTrue(name);
        }

        root.GetProperty("kind").GetString().ShouldBe("pcap");
        root.GetProperty("packets").GetInt64().ShouldBe(34);
        root.GetProperty("firstSeen").GetString().ShouldBe("2016-02-08T20:53:06.195024000Z");
        var conversation = root.GetProperty("conversations")[0];
        conversation.GetProperty("protocol").GetString().ShouldBe("tcp");
        conversation.GetProperty("a").GetProperty("ip").GetString().ShouldBe("192.168.6.110");
        conversation.GetProperty("a").GetProperty("port").GetInt32().ShouldBe(49170);
        conversation.GetProperty("b").GetProperty("port").GetInt32().ShouldBe(6667);
        conversation.GetProperty("packetsAToB").GetInt64().ShouldBe(17);
        conversation.GetProperty("bytesBToA").GetInt64().ShouldBe(5923);
        var irc = root.GetProperty("irc")[0];
        irc.GetProperty("client").GetProperty("port").GetInt32().ShouldBe(49170);
        irc.GetProperty("nicks")[0].GetString().ShouldBe("brotest");
        irc.GetProperty("channels")[0].GetString().ShouldBe("#brotest");
        var finding = root.GetProperty("findings")[0];
        finding.GetProperty("severity").GetString().ShouldBe("medium");
        finding.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        finding.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("indicators")[0].GetProperty("type").GetString().ShouldBe("ip");
    }

    [Fact]
    public async Task Json_keeps_nanosecond_timestamps()
    {
        var (code, stdout, _) = await Run("zeek_pcapng-multi-interface.pcapng", json: true);

        code.ShouldBe(0);
        using var document = JsonDocument.Parse(stdout);
        document.RootElement.GetProperty("kind").GetString().ShouldBe("pcapng");
        document.RootElement.GetProperty("firstSeen").GetString().ShouldBe("2026-01-06T01:31:29.500330493Z");
        var dns = document.RootElement.GetProperty("dns")[0];
        dns.GetProperty("time").GetString().ShouldBe("2026-01-06T01:31:29.500330493Z");
        dns.GetProperty("isResponse").GetBoolean().ShouldBeFalse();
        dns.GetProperty("questions")[0].GetProperty("type").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Damaged_capture_exits_zero_with_a_warning()
    {
        var (code, stdout, stderr) = await Run("derived_truncated-mid-packet_markofu_ppa-http.cap", json: true);

        code.ShouldBe(0);
        stderr.ShouldContain("warning");
        using var document = JsonDocument.Parse(stdout);
        document.RootElement.GetProperty("packets").GetInt64().ShouldBe(20);
        document.RootElement.GetProperty("warnings").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Summary_is_readable_text()
    {
        var (code, stdout, _) = await Run("jsiwek_bitcoin-mining.pcap", json: false);

        code.ShouldBe(0);
        stdout.ShouldContain("188 packets");
        stdout.ShouldContain("Cryptocurrency mining");
        stdout.ShouldContain("Known mining-pool domains");
        stdout.ShouldNotStartWith("{");
    }

    [Fact]
    public async Task Unreadable_capture_exits_two()
    {
        var file = Path.Combine(_scratch, "short.pcap");
        File.WriteAllBytes(file, [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4]);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await AnalyzeCommand.RunAsync([file, "--json"], stdout, stderr);

        code.ShouldBe(2);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldContain("short.pcap");
    }

    [Fact]
    public async Task Analyze_dispatches_captures_to_the_traffic_analyser()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await AnalyzeCommand.RunAsync([TestCaptures.PathOf("nesfit_xmr.suprnova.cc.pcapng"), "--json"], stdout, stderr);

        code.ShouldBe(0);
        using var document = JsonDocument.Parse(stdout.ToString());
        document.RootElement.GetProperty("stratum")[0].GetProperty("login").GetString().ShouldBe("kvetak.worker1");
        document.RootElement.GetProperty("stratum")[0].GetProperty("agent").GetString().ShouldBe("xmr/1.0");
    }

    [Fact]
    public async Task Json_lists_every_conversation_in_stream_order_past_the_in_memory_part()
    {
        // More conversations than a result list holds in memory: the rest is spooled and spliced into the document.
        var count = RecordSpool<TrafficConversation>.DefaultMemoryLimit + 700;
        var packets = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            packets.Add(PacketFactory.Udp($"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}", "192.0.2.1", 20_000 + (i % 40_000), 53, [1]));
        }

        var file = Path.Combine(_scratch, "many.pcap");
        await File.WriteAllBytesAsync(file, PacketFactory.RawCapture(packets));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await AnalyzeCommand.RunAsync([file, "--json", "--quiet"], stdout, stderr);

        code.ShouldBe(0);
        using var document = JsonDocument.Parse(stdout.ToString());
        var conversations = document.RootElement.GetProperty("conversations");
        conversations.GetArrayLength().ShouldBe(count);
        conversations.EnumerateArray().Select(c => c.GetProperty("stream").GetInt32()).ShouldBe(Enumerable.Range(0, count));
        conversations[count - 1].GetProperty("a").GetProperty("ip").GetString().ShouldBe($"10.{((count - 1) >> 16) & 0xFF}.{((count - 1) >> 8) & 0xFF}.{(count - 1) & 0xFF}");
        document.RootElement.GetProperty("hosts").GetArrayLength().ShouldBe(count + 1);
        document.RootElement.GetProperty("warnings").GetArrayLength().ShouldBe(0);
    }

    private static bool IsCapture(string file)
    {
        var head = new byte[4];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && PcapTrafficAnalyzer.IsCapture(head);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string capture, bool json)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = json ? [TestCaptures.PathOf(capture), "--json"] : [TestCaptures.PathOf(capture)];
        var code = await AnalyzeCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
