using CaseManager.Application.Cases.Queries.GetCaseAnalysis;
using CaseManager.Application.Evidence.Queries.GetEvidence;
using CaseManager.Application.Evidence.Queries.GetTrafficView;
using CaseManager.Domain.Cases;

namespace CaseManager.Application.FunctionalTests.Evidence;

/// <summary>The stored traffic analysis behind the evidence page: tables filtered, sorted and paged on the server.</summary>
public abstract class TrafficViewTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task Tables_AreFilteredSortedAndPaged_FromTheStoredResult()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "jsonrpc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("ndpi_jsonrpc.pcap")));
        await AnalyseAsync(evidenceId);

        var conversations = await App.SendAsync(new GetTrafficViewQuery(evidenceId, TrafficTable.Conversations, null, PageSize: 1, Page: 2));
        (conversations.TotalRows, conversations.Rows.Count, conversations.TotalPages).ShouldBe((2, 1, 2), "2 TCP conversations, as tshark counts them");

        var http = await App.SendAsync(new GetTrafficViewQuery(evidenceId, TrafficTable.Http, "DYNDNS"));
        http.TotalRows.ShouldBeGreaterThan(0);
        http.Rows.ShouldAllBe(r => r[4] == "mdotti.dyndns.org");

        var sorted = await App.SendAsync(new GetTrafficViewQuery(evidenceId, TrafficTable.Conversations, null, SortColumn: 4, Descending: true));
        var bytes = sorted.Rows.Select(r => long.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        bytes.ShouldBe(bytes.OrderByDescending(b => b).ToList());
    }

    [SkippableFact]
    public async Task IrcSession_ListsNickAndChannel_AndOpensAsATranscript()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        await AnalyseAsync(evidenceId);

        var irc = await App.SendAsync(new GetTrafficViewQuery(evidenceId, TrafficTable.Irc, null));
        var row = irc.Rows.ShouldHaveSingleItem();
        (row[0], row[1], row[3], row[4]).ShouldBe(("192.168.6.110:49170", "130.239.18.119:6667", "brotest", "#brotest"));

        // Charts: both addresses moved 1228 + 5923 bytes, as tshark's endpoint table says; one conversation started.
        irc.Summary.TopTalkers.Select(t => (t.Ip, t.Bytes)).ShouldBe([("130.239.18.119", 7151L), ("192.168.6.110", 7151L)], ignoreOrder: true);
        irc.Summary.ConversationStarts.Sum().ShouldBe(irc.Summary.Conversations);

        var transcript = await App.SendAsync(new GetIrcTranscriptQuery(evidenceId, irc.RowStreams[0]!.Value));
        string.Concat(transcript.Session.Transcript.Where(c => c.FromClient).Select(c => c.Text)).ShouldContain("NICK brotest");
    }

    [SkippableFact]
    public async Task CaptureTimes_BecomeCaseTimelineEntries_OncePerCapture_AndFindingsReachTheCase()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        await AnalyseAsync(evidenceId);
        await AnalyseAsync(evidenceId);

        var analysis = await App.SendAsync(new GetCaseAnalysisQuery(caseId));

        analysis.Timeline.Select(t => (t.Kind, t.At, t.Subject)).ShouldBe(
        [
            (TimelineEntryKind.FirstTraffic, DateTimeOffset.Parse("2016-02-08T20:53:06.195024Z", System.Globalization.CultureInfo.InvariantCulture), "irc.pcap"),
            (TimelineEntryKind.LastTraffic, DateTimeOffset.Parse("2016-02-08T20:54:00.719534Z", System.Globalization.CultureInfo.InvariantCulture), "irc.pcap"),
        ]);
        var evidenceFindings = (await App.SendAsync(new GetEvidenceQuery(evidenceId))).Findings;
        analysis.Findings.Select(f => f.Finding.Title).ShouldBe(evidenceFindings.Select(f => f.Title), ignoreOrder: true);
        analysis.Findings.ShouldAllBe(f => f.EvidenceName == "irc.pcap");
    }

    [SkippableFact]
    public async Task Dns_ForADynamicDnsName_IsFoundByFilter()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "c2.pcap", TinyCapture.DnsQuery("sjb555.3322.org"));
        await AnalyseAsync(evidenceId);

        var dns = await App.SendAsync(new GetTrafficViewQuery(evidenceId, TrafficTable.Dns, "3322.org"));

        dns.Rows.ShouldHaveSingleItem()[5].ShouldBe("sjb555.3322.org A");
    }

    [SkippableFact]
    public async Task View_OfEvidenceNotYetAnalysed_IsNotFound()
    {
        var app = App;
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "later.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_icmp-5-pings.pcap")));

        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new GetTrafficViewQuery(evidenceId, TrafficTable.Dns, null)));
    }
}

public sealed class TrafficViewOnSqliteTests(SqliteApp app) : TrafficViewTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TrafficViewOnPostgresTests(PostgresApp app) : TrafficViewTests<PostgresApp>(app), IClassFixture<PostgresApp>;
