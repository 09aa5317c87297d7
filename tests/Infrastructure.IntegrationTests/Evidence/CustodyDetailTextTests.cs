using System.Globalization;
using CaseManager.Application.Evidence;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

/// <summary>
/// Custody details are stored in English as <see cref="EvidenceItem"/> writes them (they are hash-chained) and shown
/// through <see cref="CustodyDetailText"/>: the details the real domain methods write are all recognised, every template
/// is used, English shows them as stored, and Chinese keeps every value (hashes, sizes, notes, reasons, messages).
/// </summary>
public sealed class CustodyDetailTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 11, 0, 0, TimeSpan.Zero);

    private static readonly string Sha256 = new('a', 64);
    private static readonly string Sha1 = new('b', 40);
    private static readonly string Md5 = new('c', 32);

    /// <summary>
    /// The "received from" texts the callers pass: a plain note (the demo seeder's), the web upload endpoint's (with and
    /// without a note) and the collector endpoint's (with and without a host), as src/Web/Endpoints writes them.
    /// </summary>
    private static readonly string[] ReceivedFrom =
    [
        "USB stick from the client; bag 7",
        "upload (web upload from 203.0.113.9)",
        "client SFTP (web upload from 203.0.113.9)",
        "collector on web01 (upload from 198.51.100.4)",
        "collector (upload from )",
    ];

    [Fact]
    public void Every_detail_the_domain_writes_is_recognised_except_a_download_reason()
    {
        var unknown = Written().Where(e => CustodyDetailText.Recognise(e.Action, e.Details) is null).ToList();
        unknown.ShouldHaveSingleItem("custody details without a template in CustodyDetailText (add one, and its English and Chinese text)")
            .Action.ShouldBe(CustodyAction.Downloaded, "a download's details are the reason as typed");
    }

    [Fact]
    public void Every_template_is_used()
    {
        var used = Written().SelectMany(e => CustodyDetailText.Recognise(e.Action, e.Details) ?? []).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        CustodyDetailText.Keys.Where(k => !used.Contains(k)).ShouldBeEmpty("templates the domain's details did not use (a producer's text changed?)");
    }

    [Fact]
    public void English_is_the_stored_text_and_Chinese_keeps_the_values()
    {
        foreach (var entry in Written())
        {
            CustodyDetailText.Localize(entry.Action, entry.Details, English).ShouldBe(entry.Details);
            var chinese = CustodyDetailText.Localize(entry.Action, entry.Details, Chinese)!;
            if (entry.Action == CustodyAction.Downloaded)
            {
                chinese.ShouldBe(entry.Details, "a download reason is shown as typed");
                continue;
            }

            chinese.ShouldNotBe(entry.Details);
            chinese.Any(c => c is >= '\u4e00' and <= '\u9fff').ShouldBeTrue(chinese);
            var parts = CustodyDetailText.Recognise(entry.Action, entry.Details)!;
            foreach (var (key, values) in parts)
            {
                // A source the template recognised is itself translated; its own values are checked as the second part.
                foreach (var (name, value) in values.Where(v => !(v.Key == "from" && parts.Count == 2)))
                {
                    chinese.ShouldContain(value, customMessage: $"{key}.{name} in «{chinese}»");
                }
            }
        }
    }

    [Fact]
    public void Chinese_translates_the_template_words_around_what_a_person_typed()
    {
        var item = Register("client SFTP (web upload from 203.0.113.9)");
        item.OverrideKind(EvidenceKind.Pcap, "alice", Now);
        item.StartAnalysis("pcap", "1.4.0");
        item.CompleteAnalysis(["truncated frame 12"], "worker", Now);

        CustodyDetailText.Localize(CustodyAction.Received, item.Custody[0].Details, Chinese)
            .ShouldBe($"来源：client SFTP（网页上传，来自 203.0.113.9）；10 字节；sha256 {Sha256}；sha1 {Sha1}；md5 {Md5}");
        CustodyDetailText.Localize(CustodyAction.KindChanged, item.Custody[1].Details, Chinese, k => k == EvidenceKind.Pcap ? "pcap 流量包" : "其他")
            .ShouldBe("由 其他 改为 pcap 流量包");
        CustodyDetailText.Localize(CustodyAction.Analysed, item.Custody[2].Details, Chinese).ShouldBe("第 1 次运行，分析器 pcap 1.4.0；1 条警告");
    }

    [Fact]
    public void Every_template_has_English_and_Chinese_text()
    {
        foreach (var key in CustodyDetailText.Keys)
        {
            CustodyDetailText.Exact(key, CultureInfo.InvariantCulture).ShouldNotBeNullOrEmpty(key);
            CustodyDetailText.Exact(key, Chinese).ShouldNotBeNullOrEmpty(key);
        }
    }

    [Fact]
    public void Text_that_is_not_a_template_is_shown_unchanged()
    {
        CustodyDetailText.Localize(CustodyAction.Downloaded, "run 2: sent to CERT", Chinese).ShouldBe("run 2: sent to CERT", "a reason that reads like a template is still a reason");
        CustodyDetailText.Localize(CustodyAction.Received, "handed over in person", Chinese).ShouldBe("handed over in person");
        CustodyDetailText.Localize(CustodyAction.KindChanged, "Pcap -> Floppy", Chinese).ShouldBe("Pcap -> Floppy");
        CustodyDetailText.Localize(CustodyAction.Analysed, null, Chinese).ShouldBeNull();
    }

    /// <summary>The custody entries the real domain methods write, over every action and every kind of source.</summary>
    private static List<CustodyEntry> Written()
    {
        var entries = new List<CustodyEntry>();
        foreach (var from in ReceivedFrom)
        {
            entries.Add(Register(from).Custody.Single());
        }

        var item = Register("USB");
        item.OverrideKind(EvidenceKind.TriageBundle, "alice", Now);
        item.StartAnalysis("triage", "2.0");
        item.CompleteAnalysis([], "worker", Now);
        item.StartAnalysis("triage");
        item.CompleteAnalysis(["a", "b"], "worker", Now);
        item.RequestAnalysis();
        item.StartAnalysis("triage", "2.0");
        item.FailAnalysis("bundle is not a gzip stream\nat offset 0", "worker", Now);
        item.RecordDownload("bob", "court copy for case 12; sealed", Now);
        entries.AddRange(item.Custody.Skip(1));
        return entries;
    }

    private static EvidenceItem Register(string receivedFrom)
    {
        var incident = IncidentCase.Open(ClientId.New(), CaseNumber.From(2026, 1), "Case", null, Severity.High, TrafficLightProtocol.Amber, "alice", Now);
        return EvidenceItem.Register(incident, "capture.bin", EvidenceKind.Other, 10, Sha256, Sha1, Md5, "alice", receivedFrom, Now);
    }
}
