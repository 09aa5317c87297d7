using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Evidence.Queries.GetDumpStrings;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// The <c>strings_index</c> checkpoints: a scan started at a checkpoint reproduces the default listing from its
/// ordinal on, so a deep strings page seeks there and reads a small part of the dump instead of all of it before the page.
/// </summary>
public sealed class StringsIndexTests(StringsIndexFixture dump) : IClassFixture<StringsIndexFixture>
{
    private static readonly EvidenceId Evidence = new(Guid.NewGuid());

    [Fact]
    public void Checkpoints_are_block_aligned_increasing_and_about_every_4096_strings()
    {
        var rows = dump.Sink.Rows("strings_index");
        dump.Listing.Count.ShouldBe((int)(dump.Result.Strings.Ascii + dump.Result.Strings.Utf16le));
        rows.Count.ShouldBeGreaterThan(dump.Listing.Count / MemoryAnalyzer.StringsIndexInterval / 2);
        long previousOrdinal = 0, previousOffset = 0;
        foreach (var row in rows)
        {
            var (ordinal, offset) = ((long)row[0]!, (long)row[1]!);
            (offset % 64).ShouldBe(0);
            (ordinal - previousOrdinal).ShouldBeGreaterThanOrEqualTo(MemoryAnalyzer.StringsIndexInterval);
            offset.ShouldBeGreaterThan(previousOffset);
            (previousOrdinal, previousOffset) = (ordinal, offset);
        }
    }

    [Fact]
    public async Task Checkpoints_do_not_depend_on_the_read_buffer_size()
    {
        var sink = new RecordingSink();
        await using (var input = File.OpenRead(dump.Path))
        {
            await new MemoryAnalyzer(bufferSize: (64 << 10) + 192).AnalyzeAsync(input, dump.Path, null, sink, CancellationToken.None);
        }

        sink.Rows("strings_index").ShouldBe(dump.Sink.Rows("strings_index"));
    }

    [Fact]
    public async Task A_scan_from_any_checkpoint_reproduces_the_listing_from_its_ordinal()
    {
        var rows = dump.Sink.Rows("strings_index");
        foreach (var row in rows)
        {
            var (ordinal, offset) = ((long)row[0]!, (long)row[1]!);
            var scanned = await ScanFromAsync(offset, limit: 500);
            scanned.ShouldBe(dump.Listing.Skip((int)ordinal).Take(500).ToList(), $"checkpoint ({ordinal}, {offset})");
        }

        // Whole suffixes too, from the middle and the last checkpoint to the end of the dump.
        foreach (var row in new[] { rows[rows.Count / 2], rows[^1] })
        {
            var (ordinal, offset) = ((long)row[0]!, (long)row[1]!);
            (await ScanFromAsync(offset, limit: int.MaxValue)).ShouldBe(dump.Listing.Skip((int)ordinal).ToList());
        }
    }

    [Fact]
    public async Task A_deep_page_equals_the_full_rescan_page_and_reads_far_fewer_bytes()
    {
        var store = new FakeRunStore(dump.Sink);
        const int pageSize = 100;
        var deep = (int)(dump.Listing.Count * 0.9) / pageSize;
        var query = new GetDumpStringsQuery(Evidence.Value, null, Page: deep, PageSize: pageSize);

        var (indexed, indexedBytes) = await PageAsync(query, store);
        var (rescanned, rescannedBytes) = await PageAsync(query, runs: null);

        indexed.Strings.ShouldBe(rescanned.Strings);
        indexed.Strings.Select(s => (s.Offset, s.Encoding, s.Text))
            .ShouldBe(dump.Listing.Skip((deep - 1) * pageSize).Take(pageSize));
        indexed.HasMore.ShouldBe(rescanned.HasMore);
        indexed.Total.ShouldBe(dump.Listing.Count);
        rescanned.Total.ShouldBeNull();
        rescannedBytes.ShouldBeGreaterThan((long)(StringsIndexFixture.Size * 0.85));
        var checkpoint = await DumpStringsPager.NearestCheckpointAsync(store, Evidence, 1, (deep - 1) * pageSize, CancellationToken.None);
        indexedBytes.ShouldBeLessThan(rescannedBytes / 8, $"checkpoint {checkpoint}, listing {dump.Listing.Count}, rows {dump.Sink.Rows("strings_index").Count}");
        store.Queries.ShouldBeLessThan(40); // a binary search over the checkpoints, not a table scan
    }

    [Fact]
    public async Task First_and_last_pages_are_the_same_with_and_without_the_index()
    {
        var store = new FakeRunStore(dump.Sink);
        const int pageSize = 500;
        var last = (dump.Listing.Count + pageSize - 1) / pageSize;
        foreach (var page in new[] { 1, 2, last - 1, last })
        {
            var query = new GetDumpStringsQuery(Evidence.Value, null, Page: page, PageSize: pageSize);
            var (indexed, _) = await PageAsync(query, store);
            var (rescanned, _) = await PageAsync(query, runs: null);
            indexed.Strings.ShouldBe(rescanned.Strings, $"page {page}");
            indexed.HasMore.ShouldBe(page < last);
        }
    }

    [Fact]
    public async Task Filtered_and_non_default_listings_keep_the_streaming_scan()
    {
        var store = new FakeRunStore(dump.Sink);
        foreach (var query in new[]
                 {
                     new GetDumpStringsQuery(Evidence.Value, "ab", Page: 3),
                     new GetDumpStringsQuery(Evidence.Value, null, StringEncoding.Ascii, Page: 300),
                     new GetDumpStringsQuery(Evidence.Value, null, MinLength: 10, Page: 300),
                 })
        {
            var (paged, _) = await PageAsync(query, store);
            var (rescanned, _) = await PageAsync(query, runs: null);
            paged.Strings.ShouldBe(rescanned.Strings);
            paged.Strings.ShouldNotBeEmpty();
            paged.Total.ShouldBeNull();
        }

        store.Queries.ShouldBe(0);
    }

    private async Task<(DumpStringsDto Page, long BytesRead)> PageAsync(GetDumpStringsQuery query, IAnalysisRunStore? runs)
    {
        await using var content = new CountingStream(File.OpenRead(dump.Path));
        var page = await DumpStringsPager.PageAsync(content, new StringsExtractor(), runs, Evidence, memoryRun: 1, query, CancellationToken.None);
        return (page, content.BytesRead);
    }

    private async Task<List<(long, StringEncoding, string)>> ScanFromAsync(long offset, int limit)
    {
        var found = new List<(long, StringEncoding, string)>();
        await using var input = File.OpenRead(dump.Path);
        input.Position = offset;
        try
        {
            await new StringsExtractor().ExtractAsync(input, new StringsOptions(StartOffset: offset), new LimitedSink(found, limit), CancellationToken.None);
        }
        catch (LimitReachedException)
        {
        }

        return found;
    }

    private sealed class LimitedSink(List<(long, StringEncoding, string)> found, int limit) : IStringSink
    {
        public void OnString(StringEncoding encoding, long offset, ReadOnlySpan<byte> text)
        {
            if (found.Count >= limit)
            {
                throw new LimitReachedException();
            }

            found.Add((offset, encoding, System.Text.Encoding.ASCII.GetString(text)));
        }
    }

    private sealed class LimitReachedException : Exception;

    /// <summary>Counts the bytes read through it; seeks pass through.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            BytesRead += read;
            return read;
        }
    }

    /// <summary>An in-memory run store over what the analysis wrote to the recording sink (natural or single-column order).</summary>
    private sealed class FakeRunStore(RecordingSink sink) : IAnalysisRunStore
    {
        public int Queries { get; private set; }

        public IAnalysisRunWriter Create(EvidenceId evidenceId, int run) => throw new NotSupportedException();

        public Task DeleteRunsAsync(EvidenceId evidenceId, int? keepRun, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ResultTableSchema>?> TablesAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ResultTableSchema>?>([.. sink.Tables.Values.Select(t => t.Schema)]);

        public Task<string?> SummaryAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken) => Task.FromResult(sink.SummaryJson);

        public Task<long[]> CountSpansAsync(EvidenceId evidenceId, int run, string table, string firstColumn, string lastColumn, IReadOnlyList<long> bounds, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<ResultPage> QueryAsync(EvidenceId evidenceId, int run, ResultQuery query, CancellationToken cancellationToken)
        {
            Queries++;
            if (!sink.Tables.TryGetValue(query.Table, out var table))
            {
                throw new ResultQueryException($"No table {query.Table}.");
            }

            IEnumerable<object?[]> rows = table.Rows;
            if (query.Sort is { } sort)
            {
                var column = table.Schema.IndexOf(sort);
                rows = query.Descending ? rows.OrderByDescending(r => (long)r[column]!) : rows.OrderBy(r => (long)r[column]!);
            }

            var page = rows.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
            return Task.FromResult(new ResultPage(table.Schema, page, table.Rows.Count, query.Page, query.PageSize));
        }
    }
}
