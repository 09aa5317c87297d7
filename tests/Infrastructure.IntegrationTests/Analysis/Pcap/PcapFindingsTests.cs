using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Detections on the shared captures, checked against the figures in their truth files (the
/// <c>derived</c> section's SYN statistics and beacon candidates, <c>stratum</c> and DDNS matches).
/// </summary>
public sealed class PcapFindingsTests
{
    [Fact]
    public void Port_scan_capture_reports_the_scanner_with_truth_counts()
    {
        var source = TestCaptures.Truth("markofu_ppa-portscan.pcap").GetProperty("derived").GetProperty("tcp_syn").GetProperty("top_syn_sources")[0];
        var result = TestCaptures.Analyze("markofu_ppa-portscan.pcap");

        var scan = result.Findings.Where(f => f.Code == "traffic.scan.ports").ShouldHaveSingleItem();
        scan.Title.ShouldBe($"Port scan from {source.GetProperty("src").GetString()}");
        Value(scan, "src").ShouldBe(source.GetProperty("src").GetString());
        Value(scan, "syns").ShouldBe(source.GetProperty("syn").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Value(scan, "ports").ShouldBe(source.GetProperty("distinct_dports").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        scan.Detail.ShouldContain($"sent {source.GetProperty("syn").GetInt32()} SYNs");
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Ip && i.Value == source.GetProperty("src").GetString());
    }

    [Fact]
    public void Syn_flood_capture_reports_the_target_with_truth_counts()
    {
        var target = TestCaptures.Truth("stopddos_amp.TCP.syn.optionallyACK.optionallysamePort.pcapng").GetProperty("derived").GetProperty("tcp_syn").GetProperty("top_syn_targets")[0];
        var result = TestCaptures.Analyze("stopddos_amp.TCP.syn.optionallyACK.optionallysamePort.pcapng");

        var flood = result.Findings.Where(f => f.Code == "traffic.flood.syn").ShouldHaveSingleItem();
        Value(flood, "target").ShouldBe(target.GetProperty("dst").GetString());
        flood.Detail.ShouldContain($"{target.GetProperty("syn").GetInt32()} SYNs from {target.GetProperty("distinct_src").GetInt32()} sources");
        result.Findings.ShouldNotContain(f => f.Code == "traffic.beacon.periodic", "the flood's regular SYNs are not beaconing");
    }

    [Fact]
    public void Beacon_capture_reports_the_regular_destination_from_truth()
    {
        var candidate = TestCaptures.Truth("slips_test-cc-capture-2.pcap").GetProperty("derived").GetProperty("beacon_candidates").EnumerateArray()
            .First(c => c.GetProperty("interval_cv").GetDouble() <= 0.25);
        var result = TestCaptures.Analyze("slips_test-cc-capture-2.pcap");

        var beacon = result.Findings.Where(f => f.Code == "traffic.beacon.periodic").ShouldHaveSingleItem("the irregular DNS lookups (cv 0.52) are not beaconing");
        Value(beacon, "src").ShouldBe(candidate.GetProperty("src").GetString());
        Value(beacon, "dst").ShouldBe($"{candidate.GetProperty("dst").GetString()}:{candidate.GetProperty("dport").GetInt32()}");
        Value(beacon, "protocol").ShouldBe(candidate.GetProperty("proto").GetString());
        Value(beacon, "connections").ShouldBe(candidate.GetProperty("connections").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        beacon.Detail.ShouldStartWith($"{candidate.GetProperty("connections").GetInt32()} connections every {candidate.GetProperty("interval_mean_s").GetDouble():0.##}");
    }

    [Theory]
    [InlineData("jsiwek_bitcoin-mining.pcap")]
    [InlineData("nesfit_xmr.suprnova.cc.pcapng")]
    [InlineData("nesfit_zec-eu1.nanopool.org.pcapng")]
    public void Mining_captures_report_pools_and_logins_from_truth(string capture)
    {
        var stratum = TestCaptures.Truth(capture).GetProperty("stratum");
        var result = TestCaptures.Analyze(capture);

        var mining = result.Findings.Where(f => f.Code == "traffic.mining.stratum").ShouldHaveSingleItem();
        mining.Severity.ShouldBe(FindingSeverity.High);
        var pools = stratum.GetProperty("pool_endpoints_contacted").EnumerateObject().Select(p => p.Name).ToList();
        Argument(mining, "pools").Total.ShouldBe(pools.Count);
        Argument(mining, "pools").Values.ShouldBe(pools, ignoreOrder: true);
        Argument(mining, "messages").Value.ShouldBe(stratum.GetProperty("messages").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var login in stratum.GetProperty("logins").EnumerateArray().Select(l => l.GetString()!))
        {
            Argument(mining, "logins").Values.ShouldContain(login);
            mining.Detail.ShouldContain(login);
            result.Indicators.ShouldContain(i => i.Type == IndicatorType.Wallet && login.StartsWith(i.Value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Dynamic_dns_names_from_truth_are_reported()
    {
        var matches = TestCaptures.Truth("ndpi_jsonrpc.pcap").GetProperty("derived").GetProperty("ddns_matches").EnumerateArray().ToList();
        var result = TestCaptures.Analyze("ndpi_jsonrpc.pcap");

        matches.ShouldNotBeEmpty();
        var finding = result.Findings.Where(f => f.Code == "traffic.dns.dynamic-dns").ShouldHaveSingleItem();
        foreach (var match in matches)
        {
            Argument(finding, "domains").Values.ShouldContain(match.GetProperty("name").GetString()!);
            Argument(finding, "zones").Values.ShouldContain(match.GetProperty("provider_zone").GetString()!);
        }

        finding.Reference!.Table.ShouldBe("dns");
    }

    [Fact]
    public void Irc_capture_reports_the_session()
    {
        var session = TestCaptures.Truth("zeek_irc-basic.pcap").GetProperty("irc").GetProperty("heuristic_sessions")[0];
        var result = TestCaptures.Analyze("zeek_irc-basic.pcap");

        var finding = result.Findings.Where(f => f.Code == "traffic.irc.session").ShouldHaveSingleItem();
        finding.Title.ShouldBe($"IRC session {session.GetProperty("client").GetString()} -> {session.GetProperty("server").GetString()}");
        Value(finding, "client").ShouldBe(session.GetProperty("client").GetString());
        result.Irc[0].ServerName.ShouldBe("leguin.freenode.net");
        result.Irc[0].Transcript.ShouldContain(c => c.FromClient && c.Text.Contains("JOIN #brotest", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zeek_icmp-5-pings.pcap")]
    [InlineData("markofu_ppa-http.cap")]
    [InlineData("zeek_chrome-34-google.pcap")]
    [InlineData("ppa3_http_ip4and6.pcapng")]
    public void Benign_captures_have_no_findings(string capture) =>
        TestCaptures.Analyze(capture).Findings.ShouldBeEmpty();

    private static Application.Analysis.FindingArgument Argument(TrafficFinding finding, string name) =>
        finding.Arguments.SingleOrDefault(a => a.Name == name).ShouldNotBeNull($"{finding.Code} has {name}");

    private static string Value(TrafficFinding finding, string name) => Argument(finding, name).Value;
}
