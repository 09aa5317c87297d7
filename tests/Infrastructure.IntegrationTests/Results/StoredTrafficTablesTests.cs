using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Pcap;
using CaseManager.Infrastructure.Evidence;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;
using CaseManager.Infrastructure.IntegrationTests.Evidence;
using CaseManager.Infrastructure.Results;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.IntegrationTests.Results;

/// <summary>
/// What the per-run store keeps of a traffic analysis is what the analyser wrote: every table of a shared capture, read
/// back page by page from the committed file, equals the rows a recording sink received for the same capture (value and
/// type: text, integer, null, '' stays ''), and the conversations equal the analyser's JSON records.
/// The store takes typed rows (<see cref="IResultRowWriter"/>) through batches written on another thread; the recording
/// sink takes boxed rows, so the two paths are compared.
/// </summary>
public sealed class StoredTrafficTablesTests : IDisposable
{
    private readonly EvidenceTestDirectory _directory = new();
    private readonly SqliteAnalysisRunStore _store;

    public StoredTrafficTablesTests() =>
        _store = new SqliteAnalysisRunStore(Options.Create(new EvidenceStorageOptions { RootDirectory = _directory.Path }));

    public void Dispose() => _directory.Dispose();

    /// <summary>The job's pass (<c>Document: false</c>: no record lists for the JSON) into the store, against the CLI's pass into a recording sink.</summary>
    [Theory]
    [MemberData(nameof(PcapTruthTests.Captures), MemberType = typeof(PcapTruthTests))]
    public async Task Stored_tables_equal_the_rows_the_analyser_wrote_and_its_records(string capture)
    {
        var (expected, recorded) = TestCaptures.Outcome(capture);
        var evidence = new EvidenceId(Guid.NewGuid());
        AnalysisOutcome job;
        await using (var writer = _store.Create(evidence, 1))
        {
            await using var input = File.OpenRead(TestCaptures.PathOf(capture));
            job = await new TrafficAnalyser().AnalyseAsync(new AnalysisInput(input, capture, EvidenceKind.Pcap, Document: false), writer, CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        // What the job keeps besides the tables is the same without the document's lists.
        JsonSerializer.Serialize(job.Findings).ShouldBe(JsonSerializer.Serialize(expected.Findings));
        JsonSerializer.Serialize(job.Indicators).ShouldBe(JsonSerializer.Serialize(expected.Indicators));
        JsonSerializer.Serialize(job.Warnings).ShouldBe(JsonSerializer.Serialize(expected.Warnings));
        JsonSerializer.Serialize(job.Events).ShouldBe(JsonSerializer.Serialize(expected.Events));

        var tables = (await _store.TablesAsync(evidence, 1, CancellationToken.None)).ShouldNotBeNull();
        tables.Select(t => t.Name).ShouldBe(recorded.Tables.Keys, ignoreOrder: true);
        (await _store.SummaryAsync(evidence, 1, CancellationToken.None)).ShouldBe(recorded.SummaryJson);
        foreach (var table in tables)
        {
            table.Columns.ShouldBe(recorded.Tables[table.Name].Schema.Columns);
            var stored = await ReadAllAsync(evidence, table.Name);
            var rows = recorded.Rows(table.Name);
            stored.Count.ShouldBe(rows.Count, table.Name);
            for (var i = 0; i < rows.Count; i++)
            {
                stored[i].ShouldBe(rows[i].Select(v => v is int n ? (long)n : v).ToArray(), $"{table.Name} row {i + 1}");
            }
        }

        // Against the analyser's own records (the CLI's JSON): the conversations in the same order as written.
        var result = (TrafficAnalysisResult)expected.Result;
        var conversations = await ReadAllAsync(evidence, "conversations");
        conversations.Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!, (long)r[4]!, (long)r[6]!, (long)r[9]!))
            .OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item6)
            .ShouldBe(result.Conversations
                .Select(c => (c.Protocol, c.A.ToString(), c.B.ToString(), c.BytesAToB, c.BytesBToA, (long)c.Stream))
                .OrderBy(c => c.Protocol, StringComparer.Ordinal).ThenBy(c => c.Item6));
    }

    [Fact]
    public async Task Many_batches_of_typed_and_boxed_rows_keep_every_value_and_the_order()
    {
        var schema = new ResultTableSchema("mixed", [new("n", ColumnType.Integer), new("text", ColumnType.Text), new("x", ColumnType.Real), new("maybe", ColumnType.Text)]);
        var evidence = new EvidenceId(Guid.NewGuid());
        var expected = new List<object?[]>();
        const int Count = 25_003; // several 64 KiB batches, and a remainder that is not a multiple of the multi-row INSERT
        await using (var writer = _store.Create(evidence, 1))
        {
            var table = writer.Table(schema);
            var typed = table.ShouldBeAssignableTo<IResultRowWriter>()!;
            writer.Table(new ResultTableSchema("empty", [new("a", ColumnType.Text)]));
            for (var i = 0; i < Count; i++)
            {
                object?[] row = [(long)i - 3, i % 7 == 0 ? string.Empty : $"row {i} Umeå 中文 {new string('x', i % 300)}", i * 0.5, i % 3 == 0 ? null : "t"];
                expected.Add(row);
                if (i % 2 == 0)
                {
                    table.Add(row);
                }
                else
                {
                    typed.Integer((long)row[0]!);
                    typed.Text(((string)row[1]!).AsSpan());
                    typed.Real((double)row[2]!);
                    typed.Text((string?)row[3]);
                    typed.EndRow();
                }
            }

            // A row of the wrong width is refused and leaves nothing behind.
            typed.Integer(1);
            Should.Throw<ArgumentException>(typed.EndRow);
            Should.Throw<ArgumentException>(() => table.Add(1L, "a", 2.0, "b", "extra"));
            await writer.CommitAsync(CancellationToken.None);
        }

        var stored = await ReadAllAsync(evidence, "mixed");
        stored.Count.ShouldBe(Count);
        for (var i = 0; i < Count; i++)
        {
            stored[i].ShouldBe(expected[i], $"row {i + 1}");
        }

        (await _store.QueryAsync(evidence, 1, new ResultQuery("empty"), CancellationToken.None)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_run_disposed_with_batches_queued_leaves_no_file_and_the_writer_refuses_rows()
    {
        var evidence = new EvidenceId(Guid.NewGuid());
        var writer = _store.Create(evidence, 1);
        var table = writer.Table(SyntheticConversations.Schema);
        foreach (var row in SyntheticConversations.Rows(30_000))
        {
            table.Add(row);
        }

        await writer.DisposeAsync();

        Should.Throw<ObjectDisposedException>(() => table.Add(SyntheticConversations.Rows(1).Single()));
        Directory.GetFiles(Path.Combine(_directory.Path, "results"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
        (await _store.TablesAsync(evidence, 1, CancellationToken.None)).ShouldBeNull();
    }

    private async Task<List<object?[]>> ReadAllAsync(EvidenceId evidence, string table)
    {
        var rows = new List<object?[]>();
        for (var page = 1; ; page++)
        {
            var result = await _store.QueryAsync(evidence, 1, new ResultQuery(table, Page: page, PageSize: SqliteAnalysisRunStore.MaxPageSize), CancellationToken.None);
            rows.AddRange(result.Rows);
            if (page >= result.TotalPages)
            {
                return rows;
            }
        }
    }
}
