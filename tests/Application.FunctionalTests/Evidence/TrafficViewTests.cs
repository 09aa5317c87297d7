using CaseManager.Application.Cases.Queries.GetCaseAnalysis;
using CaseManager.Application.Evidence.Queries.GetEvidence;
using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetIrcTranscript;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Application.Evidence.Queries.GetTrafficView;
using CaseManager.Domain.Cases;

namespace CaseManager.Application.FunctionalTests.Evidence;

/// <summary>The traffic analysis behind the evidence page: the run's tables filtered, sorted and paged in the run store.</summary>
public abstract class TrafficViewTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task Tables_AreFilteredSortedAndPaged_FromTheRunStore()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "jsonrpc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("ndpi_jsonrpc.pcap")));
        await AnalyseAsync(evidenceId);

        var conversations = await App.SendAsync(new GetResultTableQuery(evidenceId, "conversations", PageSize: 1, Page: 2));
        (conversations.Total, conversations.Rows.Count, conversations.TotalPages).ShouldBe((2L, 1, 2L), "2 TCP conversations, as tshark counts them");
        conversations.Tables.Select(t => t.Name).ShouldBe(["conversations", "hosts", "dns", "http", "tls", "stratum", "irc", "irc_lines"], ignoreOrder: true);
        conversations.Columns.Select(c => (c.Name, c.Type)).ShouldContain(("bytes_ab", ColumnType.Bytes));
        var view = await App.SendAsync(new GetTrafficViewQuery(evidenceId));
        view.Summary.Conversations.ShouldBe(conversations.Total, "the page states the same total as the table");

        var http = await App.SendAsync(new GetResultTableQuery(evidenceId, "http", "DYNDNS"));
        http.Total.ShouldBeGreaterThan(0);
        http.Rows.ShouldAllBe(r => (string?)http.Cell(r, "host") == "mdotti.dyndns.org");

        var sorted = await App.SendAsync(new GetResultTableQuery(evidenceId, "conversations", Sort: "bytes_ab", Descending: true));
        var bytes = sorted.Rows.Select(r => (long)sorted.Cell(r, "bytes_ab")!).ToList();
        bytes.ShouldBe(bytes.OrderByDescending(b => b).ToList());
    }

    [SkippableTheory]
    [InlineData("nope", null, 1, null)]
    [InlineData("conversations", "nope", 1, null)]
    [InlineData("conversations", null, 0, null)]
    [InlineData("conversations", null, 3, null)]
    [InlineData("conversations", null, 1, 500)]
    public async Task QueriesOutOfRange_AreRefusedWithAMessage(string table, string? sort, int page, int? filterLength)
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "jsonrpc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("ndpi_jsonrpc.pcap")));
        await AnalyseAsync(evidenceId);
        var app = App;

        var ex = await Should.ThrowAsync<ResultQueryException>(() =>
            app.SendAsync(new GetResultTableQuery(evidenceId, table, filterLength is { } n ? new string('x', n) : null, sort, false, page)));

        ex.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [SkippableFact]
    public async Task IrcSession_ListsNickAndChannel_AndOpensAsATranscript()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        await AnalyseAsync(evidenceId);

        var irc = await App.SendAsync(new GetResultTableQuery(evidenceId, "irc"));
        var row = irc.Rows.ShouldHaveSingleItem();
        (irc.Cell(row, "client"), irc.Cell(row, "server"), irc.Cell(row, "nicks"), irc.Cell(row, "channels"))
            .ShouldBe(("192.168.6.110:49170", "130.239.18.119:6667", "brotest", "#brotest"));

        // Charts: both addresses moved 1228 + 5923 bytes, as tshark's endpoint table says; one conversation started.
        var view = await App.SendAsync(new GetTrafficViewQuery(evidenceId));
        view.Summary.TopTalkers.Select(t => (t.Ip, t.Bytes)).ShouldBe([("130.239.18.119", 7151L), ("192.168.6.110", 7151L)], ignoreOrder: true);
        view.Summary.ConversationStarts.Sum().ShouldBe(view.Summary.Conversations);

        var transcript = await App.SendAsync(new GetIrcTranscriptQuery(evidenceId, (long)irc.Cell(row, "stream")!));
        var lines = transcript.Lines.Rows.Select(l => (Direction: (string?)transcript.Lines.Cell(l, "direction"), Line: (long)transcript.Lines.Cell(l, "line")!, Text: (string?)transcript.Lines.Cell(l, "text"))).ToList();
        lines.Select(l => l.Line).ShouldBe(lines.Select(l => l.Line).Order());
        lines.ShouldContain(l => l.Direction == "client" && l.Text!.Contains("NICK brotest", StringComparison.Ordinal));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetIrcTranscriptQuery(evidenceId, 12345)));
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

        var dns = await App.SendAsync(new GetResultTableQuery(evidenceId, "dns", "3322.org"));

        dns.Cell(dns.Rows.ShouldHaveSingleItem(), "questions").ShouldBe("sjb555.3322.org A");
    }

    [SkippableFact]
    public async Task TimeSlices_AddUpToTsharksTotals_AndCountEachConversationInEverySliceItSpans()
    {
        var caseId = await NewCaseAsync();
        var path = TestData.Pcap("markofu_ppa-dns.cap");
        var evidenceId = await UploadAsync(caseId, "ppa-dns.cap", await File.ReadAllBytesAsync(path));
        await AnalyseAsync(evidenceId);
        using var truth = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(path + ".truth.json"));
        var summary = truth.RootElement.GetProperty("summary");

        var view = await App.SendAsync(new GetTrafficViewQuery(evidenceId));

        // tshark/capinfos 4.0.17: 249 frames, 156,210 bytes; the slices hold all of them, each once.
        var buckets = view.Summary.Buckets;
        buckets.Count.ShouldBe(40);
        buckets.Sum(b => b.Packets).ShouldBe(summary.GetProperty("packet_count").GetInt64());
        buckets.Sum(b => b.Bytes).ShouldBe(summary.GetProperty("total_frame_bytes").GetInt64());
        buckets.Sum(b => b.ConversationsStarted).ShouldBe(view.Summary.Conversations);

        // Active per slice from tshark's own conversations (first and last frame times) and the page's slice bounds.
        var conversations = truth.RootElement.GetProperty("conversations");
        var spans = new List<(long First, long Last)>();
        foreach (var transport in (string[])["tcp", "udp"])
        {
            var table = conversations.GetProperty(transport);
            var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
            foreach (var row in table.GetProperty("rows").EnumerateArray())
            {
                spans.Add((Nanoseconds(row[columns.IndexOf("first_time_epoch")].GetString()!), Nanoseconds(row[columns.IndexOf("last_time_epoch")].GetString()!)));
            }
        }

        spans.Count.ShouldBe(13);
        var bounds = buckets.Select(b => b.Start).Append(view.Summary.LastSeen!.Value).ToList();
        var expected = Enumerable.Range(0, buckets.Count)
            .Select(i => (long)spans.Count(s => s.Last >= bounds[i] && (s.First < bounds[i + 1] || i == buckets.Count - 1)))
            .ToList();
        buckets.Select(b => b.Active).ShouldBe(expected);
        expected.Sum().ShouldBeGreaterThan(spans.Count, "conversations that span several slices count in each");
    }

    [SkippableFact]
    public async Task TimeSlices_OfASmallCapture_MatchTheHandCountedTruth()
    {
        // Conversation 0: two packets at 0 ms; 1: one at 10 ms; 2: at 20 ms and 220 ms; 3: one at 30 ms. 40 slices of 5.5 ms.
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "four.pcap", CaseManager.Infrastructure.Demo.DemoCaptures.ManyFlows(4));
        await AnalyseAsync(evidenceId);

        var buckets = (await App.SendAsync(new GetTrafficViewQuery(evidenceId))).Summary.Buckets;

        long[] Slices(params (int Slice, long Value)[] values)
        {
            var all = new long[40];
            foreach (var (slice, value) in values)
            {
                all[slice] = value;
            }

            return all;
        }

        buckets.Select(b => b.Active).ShouldBe([1L, 1, 0, 1, 1, 2, .. Enumerable.Repeat(1L, 34)]);
        buckets.Select(b => b.ConversationsStarted).ShouldBe(Slices((0, 1), (1, 1), (3, 1), (5, 1)));
        buckets.Select(b => b.Packets).ShouldBe(Slices((0, 2), (1, 1), (3, 1), (5, 1), (39, 1)));
        buckets.Select(b => b.Bytes).ShouldBe(Slices((0, 64), (1, 32), (3, 32), (5, 32), (39, 32)));
    }

    private static long Nanoseconds(string epoch)
    {
        var parts = epoch.Split('.');
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1_000_000_000L)
               + long.Parse(parts[1].PadRight(9, '0')[..9], System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task View_OfEvidenceNotYetAnalysed_IsNotFound()
    {
        var app = App;
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "later.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_icmp-5-pings.pcap")));

        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new GetTrafficViewQuery(evidenceId)));
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new GetResultTableQuery(evidenceId, "dns")));
    }
}

public sealed class TrafficViewOnSqliteTests(SqliteApp app) : TrafficViewTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TrafficViewOnPostgresTests(PostgresApp app) : TrafficViewTests<PostgresApp>(app), IClassFixture<PostgresApp>;
