using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Evidence;
using CaseManager.Infrastructure.IntegrationTests.Evidence;
using CaseManager.Infrastructure.Results;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.IntegrationTests.Results;

/// <summary>The per-run SQLite result store on real files: atomic runs, every page, sort and filter against LINQ over the same rows.</summary>
public sealed class SqliteAnalysisRunStoreTests : IDisposable
{
    private const int Rows = 20_000;
    private readonly EvidenceTestDirectory _directory = new();
    private readonly SqliteAnalysisRunStore _store;
    private readonly EvidenceId _evidence = new(Guid.NewGuid());

    public SqliteAnalysisRunStoreTests() =>
        _store = new SqliteAnalysisRunStore(Options.Create(new EvidenceStorageOptions { RootDirectory = _directory.Path }));

    public void Dispose() => _directory.Dispose();

    private static List<object?[]> Expected() => SyntheticConversations.Rows(Rows).Select(r => (object?[])r.Clone()).ToList();

    private async Task WriteAsync(int run, int rows = Rows, string summary = "{\"conversations\":20000}")
    {
        await using var writer = _store.Create(_evidence, run);
        var table = writer.Table(SyntheticConversations.Schema);
        foreach (var row in SyntheticConversations.Rows(rows))
        {
            table.Add(row);
        }

        writer.Table(new ResultTableSchema("irc_lines", [new("stream", ColumnType.Integer), new("line", ColumnType.Integer), new("text", ColumnType.Text)]))
            .Add(7L, 2L, "PRIVMSG #x :second");
        writer.Summary(summary);
        await writer.CommitAsync(CancellationToken.None);
    }

    private string RunDirectory => Path.Combine(_directory.Path, "results", _evidence.Value.ToString("N"));

    [Fact]
    public async Task NaturalOrder_AnyPage_BothDirections_MatchesInsertionOrder()
    {
        await WriteAsync(1);
        var expected = Expected();

        var first = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", PageSize: 50), CancellationToken.None);
        var deep = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Page: 357, PageSize: 50), CancellationToken.None);
        var last = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Page: 67, PageSize: 300), CancellationToken.None);
        var backwards = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Descending: true, Page: 2, PageSize: 50), CancellationToken.None);

        first.Total.ShouldBe(Rows);
        first.Rows.ShouldBe(expected.Take(50));
        deep.Rows.ShouldBe(expected.Skip(356 * 50).Take(50));
        last.Rows.ShouldBe(expected.Skip(66 * 300), "the last page holds the remainder");
        last.Rows.Count.ShouldBe(Rows - (66 * 300));
        backwards.Rows.ShouldBe(Enumerable.Reverse(expected).Skip(50).Take(50));
        (await _store.SummaryAsync(_evidence, 1, CancellationToken.None)).ShouldBe("{\"conversations\":20000}");
        (await _store.TablesAsync(_evidence, 1, CancellationToken.None))!.Select(t => t.Name).ShouldBe(["conversations", "irc_lines"]);
        (await _store.TablesAsync(_evidence, 1, CancellationToken.None))![0].Columns.ShouldBe(SyntheticConversations.Schema.Columns);
    }

    [Theory]
    [InlineData("bytes_ab", true, 1)]
    [InlineData("bytes_ab", true, 250)]
    [InlineData("bytes_ab", false, 400)]
    [InlineData("b", false, 120)]
    [InlineData("first_seen", true, 3)]
    public async Task SortedPages_MatchLinqOrder(string column, bool descending, int page)
    {
        await WriteAsync(1);
        var index = SyntheticConversations.Schema.IndexOf(column);
        var ordered = Expected().Select((r, i) => (Row: r, Id: i)).OrderBy(x => x.Row[index], Comparer<object?>.Create(Compare)).ThenBy(x => x.Id).Select(x => x.Row).ToList();
        if (descending)
        {
            ordered.Reverse();
        }

        var result = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Sort: column, Descending: descending, Page: page, PageSize: 50), CancellationToken.None);

        result.Total.ShouldBe(Rows);
        result.Rows.ShouldBe(ordered.Skip((page - 1) * 50).Take(50));
    }

    [Fact]
    public async Task Filter_MatchesAnySearchableTextColumn_CaseInsensitively_AndCountsItsTotal()
    {
        await WriteAsync(1);
        var expected = Expected().Where(r => ((string)r[0]!).Contains("TCP", StringComparison.OrdinalIgnoreCase) || ((string)r[1]!).Contains("TCP", StringComparison.OrdinalIgnoreCase) || ((string)r[2]!).Contains("TCP", StringComparison.OrdinalIgnoreCase)).ToList();
        var ports = Expected().Where(r => ((string)r[2]!).Contains(":443", StringComparison.Ordinal) || ((string)r[1]!).Contains(":443", StringComparison.Ordinal)).ToList();

        var tcp = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Filter: " TCP ", Page: 3, PageSize: 100), CancellationToken.None);
        var https = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Filter: ":443", Sort: "bytes_ba", Descending: true, PageSize: 20), CancellationToken.None);
        var none = await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Filter: "100%_"), CancellationToken.None);

        tcp.Total.ShouldBe(expected.Count);
        tcp.Rows.ShouldBe(expected.Skip(200).Take(100));
        https.Total.ShouldBe(ports.Count);
        https.Rows.Select(r => (long)r[6]!).ShouldBe(ports.Select(r => (long)r[6]!).OrderDescending().Take(20));
        (none.Total, none.Rows.Count, none.TotalPages).ShouldBe((0L, 0, 1L), "% and _ are matched literally");
    }

    [Fact]
    public async Task Where_SelectsOneStream_SortedByLine()
    {
        await using (var writer = _store.Create(_evidence, 4))
        {
            var lines = writer.Table(new ResultTableSchema("irc_lines", [new("stream", ColumnType.Integer), new("line", ColumnType.Integer), new("text", ColumnType.Text)]));
            lines.Add(7, 2, "PRIVMSG #x :second");
            lines.Add(8, 1, "other stream");
            lines.Add(7, 1, "NICK 你好");
            await writer.CommitAsync(CancellationToken.None);
        }

        var page = await _store.QueryAsync(_evidence, 4, new ResultQuery("irc_lines", Sort: "line", Where: [new ColumnEquals("stream", 7L)]), CancellationToken.None);

        page.Rows.Select(r => r[2]).ShouldBe(["NICK 你好", "PRIVMSG #x :second"]);
    }

    [Fact]
    public async Task Host_MatchesThatExactAddress_AloneOrAsAnEndpoint_NeverALongerOne()
    {
        await using (var writer = _store.Create(_evidence, 5))
        {
            var table = writer.Table(SyntheticConversations.Schema);
            table.Add("tcp", "10.0.0.1:49152", "192.0.2.7:443", 1L, 60L, 1L, 60L, 1L, 2L, 0L);
            table.Add("tcp", "10.0.0.12:49153", "192.0.2.7:443", 1L, 60L, 1L, 60L, 1L, 2L, 1L);
            table.Add("udp", "192.0.2.9:53", "10.0.0.1:5353", 1L, 60L, 1L, 60L, 1L, 2L, 2L);
            table.Add("udp", "110.0.0.1:53", "[2001:db8::1]:53", 1L, 60L, 1L, 60L, 1L, 2L, 3L);
            table.Add("udp", "10.0.0.100:53", "[2001:db8::10]:53", 1L, 60L, 1L, 60L, 1L, 2L, 4L);
            writer.Table(new ResultTableSchema("hosts", [new("ip", ColumnType.Text)])).Add("10.0.0.1");
            await writer.CommitAsync(CancellationToken.None);
        }

        async Task<long[]> Streams(string table, string host, string? filter = null) =>
            [.. (await _store.QueryAsync(_evidence, 5, new ResultQuery(table, Filter: filter, Host: host), CancellationToken.None)).Rows.Select(r => table == "hosts" ? 0L : (long)r[9]!)];

        (await Streams("conversations", "10.0.0.1")).ShouldBe([0L, 2L], "not 10.0.0.12, 10.0.0.100 or 110.0.0.1");
        (await Streams("conversations", " 10.0.0.1 ", "udp")).ShouldBe([2L], "the host and the text filter both apply");
        (await Streams("conversations", "2001:db8::1")).ShouldBe([3L]);
        (await Streams("conversations", "[2001:0db8:0:0::1]")).ShouldBe([3L], "IPv6 in any spelling");
        (await Streams("conversations", "10.0.0.1"))
            .ShouldBe((await Streams("conversations", "10.0.0.1")), "a cached list answers the same");
        (await Streams("hosts", "10.0.0.1")).Length.ShouldBe(1);
        (await _store.QueryAsync(_evidence, 5, new ResultQuery("conversations", Filter: "10.0.0.1"), CancellationToken.None)).Total
            .ShouldBe(5, "the text filter still matches substrings");
    }

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("host-1")]
    [InlineData("10.0.0.1/24")]
    [InlineData("' OR 1=1 --")]
    public async Task Host_ThatIsNotAnAddress_IsRefusedWithAMessage(string host)
    {
        await WriteAsync(1, rows: 10);

        var ex = await Should.ThrowAsync<ResultQueryException>(() =>
            _store.QueryAsync(_evidence, 1, new ResultQuery("conversations", Host: host), CancellationToken.None));

        ex.Message.ShouldContain("is not an IP address");
    }

    [Fact]
    public async Task CountSpans_CountsARowInEverySliceItSpans()
    {
        await using (var writer = _store.Create(_evidence, 6))
        {
            var table = writer.Table(SyntheticConversations.Schema);
            // Slices [0,10) [10,20) [20,30] (the last includes its end).
            table.Add("tcp", "a:1", "b:1", 1L, 1L, 1L, 1L, 0L, 0L, 0L);    // a point in slice 0
            table.Add("tcp", "a:2", "b:2", 1L, 1L, 1L, 1L, 5L, 25L, 1L);   // spans all three
            table.Add("tcp", "a:3", "b:3", 1L, 1L, 1L, 1L, 10L, 19L, 2L);  // exactly slice 1
            table.Add("tcp", "a:4", "b:4", 1L, 1L, 1L, 1L, 19L, 20L, 3L);  // slices 1 and 2
            table.Add("tcp", "a:5", "b:5", 1L, 1L, 1L, 1L, 30L, 30L, 4L);  // the end: slice 2
            await writer.CommitAsync(CancellationToken.None);
        }

        var counts = await _store.CountSpansAsync(_evidence, 6, "conversations", "first_seen", "last_seen", [0L, 10L, 20L, 30L], CancellationToken.None);

        counts.ShouldBe([2L, 3L, 3L]);
        (await _store.CountSpansAsync(_evidence, 99, "conversations", "first_seen", "last_seen", [0L, 10L], CancellationToken.None)).ShouldBeEmpty();
        await Should.ThrowAsync<ResultQueryException>(() => _store.CountSpansAsync(_evidence, 6, "conversations", "nope", "last_seen", [0L, 10L], CancellationToken.None));
        await Should.ThrowAsync<ResultQueryException>(() => _store.CountSpansAsync(_evidence, 6, "conversations", "first_seen", "last_seen", [10L, 0L], CancellationToken.None));
    }

    [Fact]
    public async Task CountSpans_IsRemembered_ButNeverFromAnOlderFileOrACallersCopy()
    {
        async Task WriteSpansAsync(params (long First, long Last)[] spans)
        {
            await using var writer = _store.Create(_evidence, 7);
            var table = writer.Table(SyntheticConversations.Schema);
            for (var i = 0; i < spans.Length; i++)
            {
                table.Add("udp", $"a:{i}", "b:1", 1L, 1L, 1L, 1L, spans[i].First, spans[i].Last, (long)i);
            }

            await writer.CommitAsync(CancellationToken.None);
        }

        long[] bounds = [0L, 10L, 20L];
        await WriteSpansAsync((0, 5), (12, 15));
        var first = await _store.CountSpansAsync(_evidence, 7, "conversations", "first_seen", "last_seen", bounds, CancellationToken.None);
        first.ShouldBe([1L, 1L]);
        first[0] = 99;   // a caller's copy: changing it changes nothing stored
        (await _store.CountSpansAsync(_evidence, 7, "conversations", "first_seen", "last_seen", bounds, CancellationToken.None)).ShouldBe([1L, 1L]);

        // A re-run replaces the file: the counts come from the new tables, never from the remembered ones.
        await WriteSpansAsync((0, 15), (1, 2), (3, 19), (11, 12));
        (await _store.CountSpansAsync(_evidence, 7, "conversations", "first_seen", "last_seen", bounds, CancellationToken.None)).ShouldBe([3L, 3L]);
    }

    [Theory]
    [InlineData("nope", null, 1, 50, null)]
    [InlineData("conversations", "nope", 1, 50, null)]
    [InlineData("conversations", null, 0, 50, null)]
    [InlineData("conversations", null, 401, 50, null)]
    [InlineData("conversations", null, 1, 0, null)]
    [InlineData("conversations", null, 1, 100_000, null)]
    [InlineData("conversations", "bytes_ab", 1, 50, 201)]
    public async Task QueriesOutOfRange_AreRefusedWithAMessage(string table, string? sort, int page, int size, int? filterLength)
    {
        await WriteAsync(1);
        var filter = filterLength is { } n ? new string('x', n) : null;

        var ex = await Should.ThrowAsync<ResultQueryException>(() =>
            _store.QueryAsync(_evidence, 1, new ResultQuery(table, filter, sort, false, page, size), CancellationToken.None));

        ex.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Runs_AreAtomic_AFailedRunLeavesTheEarlierOneAndNoFile()
    {
        await WriteAsync(1, rows: 10);
        (await _store.TablesAsync(_evidence, 2, CancellationToken.None)).ShouldBeNull();

        await using (var failed = _store.Create(_evidence, 2))
        {
            var table = failed.Table(SyntheticConversations.Schema);
            foreach (var row in SyntheticConversations.Rows(1000))
            {
                table.Add(row);
            }

            // Not visible while it is written.
            (await _store.TablesAsync(_evidence, 2, CancellationToken.None)).ShouldBeNull();
            Should.Throw<ArgumentException>(() => table.Add("too", "few"));
        }

        (await _store.TablesAsync(_evidence, 2, CancellationToken.None)).ShouldBeNull();
        Directory.GetFiles(RunDirectory).Select(Path.GetFileName).ShouldBe(["1.db"], "the failed run's temporary file is gone");
        (await _store.QueryAsync(_evidence, 1, new ResultQuery("conversations"), CancellationToken.None)).Total.ShouldBe(10);

        await WriteAsync(3, rows: 30);
        (await _store.QueryAsync(_evidence, 3, new ResultQuery("conversations", Sort: "bytes_ab"), CancellationToken.None)).Total.ShouldBe(30);
        await _store.DeleteRunsAsync(_evidence, keepRun: 3, CancellationToken.None);
        Directory.GetFiles(RunDirectory).Select(Path.GetFileName).ShouldBe(["3.db"]);
        (await _store.TablesAsync(_evidence, 1, CancellationToken.None)).ShouldBeNull();
        await Should.ThrowAsync<ResultQueryException>(() => _store.QueryAsync(_evidence, 1, new ResultQuery("conversations"), CancellationToken.None));
    }

    [Fact]
    public async Task RewrittenRun_IsReadAfresh_NotFromCachedLists()
    {
        await WriteAsync(5, rows: 100);
        (await _store.QueryAsync(_evidence, 5, new ResultQuery("conversations", Filter: "udp"), CancellationToken.None)).Total.ShouldBeGreaterThan(0);

        await WriteAsync(5, rows: 7);

        (await _store.QueryAsync(_evidence, 5, new ResultQuery("conversations", Filter: "udp"), CancellationToken.None)).Total
            .ShouldBe(SyntheticConversations.Rows(7).Count(r => (string)r[0]! == "udp"));
    }

    [Fact]
    public async Task BadSchemas_AreRefusedBeforeAnyRowIsWritten()
    {
        await using var writer = _store.Create(_evidence, 6);
        Should.Throw<ArgumentException>(() => writer.Table(new ResultTableSchema("Bad Name", [new("a", ColumnType.Text)])));
        Should.Throw<ArgumentException>(() => writer.Table(new ResultTableSchema("t", [new("a\"; DROP", ColumnType.Text)])));
        writer.Table(new ResultTableSchema("t", [new("a", ColumnType.Text)]));
        Should.Throw<ArgumentException>(() => writer.Table(new ResultTableSchema("t", [new("a", ColumnType.Text)])));
    }

    private static int Compare(object? x, object? y) => (x, y) switch
    {
        (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase) is var c && c != 0 ? c : 0,
        (long a, long b) => a.CompareTo(b),
        _ => 0,
    };
}
