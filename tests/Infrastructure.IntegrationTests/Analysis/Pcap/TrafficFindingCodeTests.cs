using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Every finding code of the traffic analyser fires on a real file (a shared capture, or one built here) and stays
/// silent on clean captures; the catalogue knows every code the analyser gives and has English and Chinese text for it.
/// </summary>
public sealed class TrafficFindingCodeTests
{
    /// <summary>Clean captures: ordinary web, DNS and ICMP traffic.</summary>
    private static readonly string[] Clean = ["zeek_chrome-34-google.pcap", "markofu_ppa-http.cap", "zeek_icmp-5-pings.pcap", "ppa3_http_ip4and6.pcapng", "markofu_ppa-dns.cap"];

    /// <summary>Where each code fires: a shared capture, or "built:" a scenario below.</summary>
    public static TheoryData<string, string> Sources() => new()
    {
        { "traffic.scan.ports", "markofu_ppa-portscan.pcap" },
        { "traffic.scan.stealth", "built:stealth" },
        { "traffic.flood.syn", "stopddos_amp.TCP.syn.optionallyACK.optionallysamePort.pcapng" },
        { "traffic.flood.synack-reflection", "built:reflection" },
        { "traffic.flood.udp", "built:udp-flood" },
        { "traffic.flood.icmp", "built:icmp-flood" },
        { "traffic.beacon.periodic", "slips_test-cc-capture-2.pcap" },
        { "traffic.inbound.internal-service", "built:inbound" },
        { "traffic.credentials.cleartext", "jsiwek_bitcoin-mining.pcap" },
        { "traffic.credentials.more", "jsiwek_bitcoin-mining.pcap" },
        { "traffic.dns.dynamic-dns", "ndpi_jsonrpc.pcap" },
        { "traffic.mining.pool-domain", "jsiwek_bitcoin-mining.pcap" },
        { "traffic.mining.stratum", "nesfit_xmr.suprnova.cc.pcapng" },
        { "traffic.irc.session", "zeek_irc-basic.pcap" },
    };

    [Fact]
    public void Every_catalogue_code_has_a_source_here()
    {
        var covered = Sources().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        TrafficFindingCatalogue.Instance.Findings.Select(d => d.Code).ShouldBe(covered, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Code_fires_on_a_real_file_and_not_on_clean_captures(string code, string source)
    {
        var outcome = Outcome(source);
        var fired = outcome.Findings.Where(f => f.Code == code).ToList();
        fired.ShouldNotBeEmpty($"{code} on {source}");
        var finding = fired[0];
        var definition = TrafficFindingCatalogue.Instance.Findings.Single(d => d.Code == code);
        finding.Attack.ShouldBe(definition.Attack);
        finding.Arguments.Select(a => a.Name).ShouldBe(definition.Arguments, $"{code} arguments");
        finding.Arguments.ShouldAllBe(a => a.Values.Count <= FindingArgument.MaxValues && a.Total >= a.Values.Count);
        TrafficText.Title(finding, CultureInfo.InvariantCulture).ShouldNotContain("{");
        TrafficText.Explanation(finding, CultureInfo.GetCultureInfo("zh-CN")).ShouldNotContain("{");
        if (finding.Reference?.Table is { } table)
        {
            TrafficFindingCatalogue.Tables.ShouldContain(t => t.Name == table, $"{code} names a table the analyser writes");
        }

        foreach (var clean in Clean)
        {
            TestCaptures.Outcome(clean).Outcome.Findings.ShouldNotContain(f => f.Code == code, clean);
        }
    }

    [Fact]
    public void Clean_captures_have_no_findings_and_no_warnings()
    {
        foreach (var clean in Clean)
        {
            var (outcome, _) = TestCaptures.Outcome(clean);
            outcome.Findings.ShouldBeEmpty(clean);
            outcome.Warnings.ShouldBeEmpty(clean);
        }
    }

    [Fact]
    public void Every_code_the_analyser_gives_on_the_shared_captures_is_in_the_catalogue()
    {
        var findings = TrafficFindingCatalogue.Instance.Findings.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var warnings = TrafficFindingCatalogue.Instance.Warnings.ToHashSet(StringComparer.Ordinal);
        var seenWarnings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in TestCaptures.Names())
        {
            var (outcome, _) = TestCaptures.Outcome(name);
            outcome.Findings.ShouldAllBe(f => findings.Contains(f.Code), name);
            outcome.Warnings.ShouldAllBe(w => warnings.Contains(w.Code), name);
            seenWarnings.UnionWith(outcome.Warnings.Select(w => w.Code));
        }

        seenWarnings.ShouldContain("traffic.capture.truncated");
        seenWarnings.ShouldContain("traffic.packet.cut-ip-header");
    }

    [Fact]
    public void Every_catalogue_key_has_english_and_chinese_text_with_the_same_placeholders()
    {
        var catalogue = TrafficFindingCatalogue.Instance;
        var keys = new List<(string Key, IReadOnlyList<string>? Arguments)>();
        foreach (var definition in catalogue.Findings)
        {
            definition.Code.ShouldMatch(@"^traffic\.[a-z]+\.[a-z-]+$");
            keys.Add((definition.Code + ".title", definition.Arguments));
            keys.Add((definition.Code + ".explanation", definition.Arguments));
        }

        keys.AddRange(catalogue.Warnings.Select(w => ("warning." + w, (IReadOnlyList<string>?)null)));
        foreach (var table in TrafficFindingCatalogue.Tables)
        {
            keys.Add(("table." + table.Name, null));
            keys.AddRange(table.Columns.Select(c => ($"column.{table.Name}.{c.Name}", (IReadOnlyList<string>?)null)));
        }

        catalogue.Findings.Select(d => d.Code).ShouldBeUnique();
        catalogue.Warnings.ShouldBeUnique();
        var english = catalogue.Text.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false).ShouldNotBeNull();
        var chinese = catalogue.Text.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false).ShouldNotBeNull();
        foreach (var (key, arguments) in keys)
        {
            var en = english.GetString(key);
            var zh = chinese.GetString(key);
            en.ShouldNotBeNullOrWhiteSpace(key);
            zh.ShouldNotBeNullOrWhiteSpace(key);
            Placeholders(zh).ShouldBe(Placeholders(en), ignoreOrder: true, key);
            if (arguments is not null)
            {
                Placeholders(en).ShouldBeSubsetOf(arguments, key);
            }

            if (!key.StartsWith("column.", StringComparison.Ordinal) && !key.StartsWith("table.", StringComparison.Ordinal))
            {
                zh.Any(c => c >= 0x4E00 && c <= 0x9FFF).ShouldBeTrue($"{key} is Chinese");
            }
        }

        // Every key in the Chinese file is one the English file has (no stale translations).
        foreach (System.Collections.DictionaryEntry entry in chinese)
        {
            english.GetString((string)entry.Key).ShouldNotBeNull((string)entry.Key);
        }
    }

    [Fact]
    public void Mining_finding_keeps_counts_and_the_first_pools_and_names_the_stratum_rows()
    {
        var packets = new List<byte[]>();
        for (var i = 0; i < 30; i++)
        {
            new TcpScript(packets, "10.0.0.7", 43000 + i, $"203.0.113.{i + 1}", 3333).Handshake()
                .Client("""{"id":1,"method":"mining.subscribe","params":["cpuminer/2.5"]}""" + "\n")
                .Client("""{"id":2,"method":"mining.authorize","params":["wallet.worker","x"]}""" + "\n");
        }

        var (outcome, sink) = TestCaptures.Run(PacketFactory.RawCapture(packets));

        var mining = outcome.Findings.Where(f => f.Code == "traffic.mining.stratum").ShouldHaveSingleItem();
        var pools = mining.Argument("pools").ShouldNotBeNull();
        pools.Total.ShouldBe(30);
        pools.Values.Count.ShouldBe(FindingArgument.MaxValues);
        mining.Argument("messages")!.Value.ShouldBe("60");
        mining.Reference!.Table.ShouldBe("stratum");
        sink.Rows("stratum").Count.ShouldBe(60);
        var detail = TrafficText.Explanation(mining, CultureInfo.InvariantCulture);
        detail.ShouldContain("and 25 more");
        detail.Length.ShouldBeLessThan(400);
    }

    [Fact]
    public void Cleartext_credentials_name_the_server_as_host_and_port_once()
    {
        var (outcome, _) = TestCaptures.Outcome("jsiwek_bitcoin-mining.pcap");

        var credentials = outcome.Findings.Where(f => f.Code == "traffic.credentials.cleartext").ToList();
        credentials.ShouldNotBeEmpty();
        credentials.ShouldAllBe(f => f.Value("server") == "us1.bitminter.com:3333");
        credentials.ShouldAllBe(f => !TrafficText.Explanation(f, CultureInfo.InvariantCulture).Contains(":3333:3333"));
        credentials.Select(f => f.Value("user")).ShouldBe(["B****y", "b*******t"], ignoreOrder: true);
    }

    [Fact]
    public void Syn_flood_is_a_flood_not_beaconing()
    {
        var (outcome, _) = TestCaptures.Outcome("stopddos_amp.TCP.syn.optionallyACK.optionallysamePort.pcapng");

        outcome.Findings.ShouldContain(f => f.Code == "traffic.flood.syn" && f.Value("target") == "10.10.10.10");
        outcome.Findings.ShouldNotContain(f => f.Code == "traffic.beacon.periodic");
    }

    [Fact]
    public void Findings_reference_frames_and_rows()
    {
        var scan = TestCaptures.Outcome("markofu_ppa-portscan.pcap").Outcome.Findings.Single(f => f.Code == "traffic.scan.ports");
        scan.Reference.ShouldBe(scan.Reference! with { Table = "conversations", Filter = "10.100.25.14", FirstFrame = 1, LastFrame = 29 });
        scan.Reference.FromNanoseconds.ShouldNotBeNull();

        var irc = TestCaptures.Outcome("zeek_irc-basic.pcap").Outcome.Findings.Single(f => f.Code == "traffic.irc.session");
        irc.Reference!.Table.ShouldBe("irc");
        irc.Value("serverName").ShouldBe("leguin.freenode.net");
    }

    private static AnalysisOutcome Outcome(string source) => source.StartsWith("built:", StringComparison.Ordinal)
        ? TestCaptures.Run(PacketFactory.RawCapture(Built(source[6..]))).Outcome
        : TestCaptures.Outcome(source).Outcome;

    private static List<byte[]> Built(string scenario)
    {
        var packets = new List<byte[]>();
        switch (scenario)
        {
            case "stealth":
                foreach (var flags in new[] { 0, PacketFactory.Fin, PacketFactory.Fin | PacketFactory.Psh | PacketFactory.Urg, 0, PacketFactory.Fin, 0 })
                {
                    packets.Add(PacketFactory.Tcp("10.8.8.8", "10.0.0.2", 51000, 1000 + packets.Count, 7, 0, flags));
                }

                break;
            case "reflection":
                // Servers answer SYNs the victim never sent (spoofed): SYN-ACKs rain on 198.51.100.7.
                for (var i = 0; i < 150; i++)
                {
                    packets.Add(PacketFactory.Tcp($"203.0.113.{1 + (i % 40)}", "198.51.100.7", 80, 2000 + i, (uint)i, 1, PacketFactory.Syn | PacketFactory.Ack));
                }

                break;
            case "udp-flood":
                for (var i = 0; i < 1000; i++)
                {
                    packets.Add(PacketFactory.Udp($"198.18.{i / 250}.{1 + (i % 250)}", "10.0.0.90", 1024 + i, 27015, [0x42]));
                }

                break;
            case "icmp-flood":
                for (var i = 0; i < 150; i++)
                {
                    packets.Add(PacketFactory.Ip($"198.18.1.{1 + (i % 200)}", "10.0.0.91", 1, [8, 0, 0, 0, 0, 1, 0, (byte)i]));
                }

                break;
            case "inbound":
                new TcpScript(packets, "203.0.113.66", 55555, "192.168.1.20", 3389).Handshake().Client("x");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }

        return packets;
    }

    private static List<string> Placeholders(string text)
    {
        var names = new List<string>();
        var i = 0;
        while ((i = text.IndexOf('{', i)) >= 0)
        {
            var close = text.IndexOf('}', i);
            names.Add(text[(i + 1)..close]);
            i = close + 1;
        }

        return names;
    }
}
