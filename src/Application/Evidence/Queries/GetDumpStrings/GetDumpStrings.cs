using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetDumpStrings;

/// <summary>
/// One page of a dump's or sample's strings, read from the evidence itself, streamed, filtered and paged on the
/// server; the scan stops as soon as the page is full, so the page never holds more than it shows. For the default
/// listing (N = 8, both encodings, no filter) the scan starts at the nearest <c>strings_index</c> checkpoint the
/// analysis run stored, so a deep page reads from there instead of from the start of the dump.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetDumpStringsQuery(Guid EvidenceId, string? Filter, StringEncoding Encoding = StringEncoding.Both, int MinLength = 8, int Page = 1, int PageSize = 100)
    : IQuery<DumpStringsDto>;

/// <summary>A page of strings; <see cref="Total"/> is known when the run stored the count for these options.</summary>
public sealed record DumpStringsDto(IReadOnlyList<StringRowDto> Strings, int Page, int PageSize, bool HasMore, long? Total);

public sealed record StringRowDto(long Offset, StringEncoding Encoding, string Text);

public sealed class GetDumpStringsQueryHandler(IApplicationDbContext db, IEvidenceStore store, IStringsExtractor extractor, IAnalysisRunStore runs)
    : IQueryHandler<GetDumpStringsQuery, DumpStringsDto>
{
    public async ValueTask<DumpStringsDto> Handle(GetDumpStringsQuery query, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(query.EvidenceId);
        var item = await db.Evidence.AsNoTracking().Where(e => e.Id == id)
                       .Select(e => new { e.Sha256, e.AnalysisRun, e.Analyser, e.AnalysisStatus })
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException(nameof(EvidenceItem), query.EvidenceId);

        var memoryRun = item.Analyser?.StartsWith("memory", StringComparison.Ordinal) == true
                        && item.AnalysisStatus is AnalysisStatus.Succeeded or AnalysisStatus.SucceededWithWarnings
            ? item.AnalysisRun
            : (int?)null;
        await using var content = store.OpenRead(item.Sha256);
        return await DumpStringsPager.PageAsync(content, extractor, runs, id, memoryRun, query, cancellationToken);
    }
}

/// <summary>
/// Reads one page of strings from the evidence content. For the default listing (N = 8, both encodings, no filter)
/// of a completed memory run it seeks to the nearest <c>strings_index</c> checkpoint at or before the page and
/// scans from there (offsets stay absolute); otherwise it streams from the start. Either way the scan stops once
/// the page (and one more string) is full.
/// </summary>
public static class DumpStringsPager
{
    public const int MaxPageSize = 500;
    public const int DefaultMinLength = 8;
    public const string IndexTable = "strings_index";

    public static async Task<DumpStringsDto> PageAsync(
        Stream content, IStringsExtractor extractor, IAnalysisRunStore? runs, EvidenceId id, int? memoryRun, GetDumpStringsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var minLength = Math.Clamp(query.MinLength, 4, 64);
        var filter = query.Filter?.Trim();
        var skip = (long)(page - 1) * pageSize;
        var isDefaultListing = string.IsNullOrEmpty(filter) && query.Encoding == StringEncoding.Both && minLength == DefaultMinLength;
        Checkpoint? checkpoint = null;
        long? total = null;
        if (isDefaultListing && runs is not null && memoryRun is { } run)
        {
            total = await StoredCountAsync(runs, id, run, cancellationToken);
            checkpoint = await NearestCheckpointAsync(runs, id, run, skip, cancellationToken);
        }

        var start = checkpoint is { } c && content.CanSeek && c.Offset <= content.Length ? c : new Checkpoint(0, 0);
        if (start.Offset > 0)
        {
            content.Seek(start.Offset, SeekOrigin.Begin);
        }

        var sink = new PageSink(filter, skip - start.Ordinal, pageSize + 1);
        try
        {
            await extractor.ExtractAsync(content, new StringsOptions(minLength, query.Encoding, StartOffset: start.Offset), sink, cancellationToken);
        }
        catch (PageFullException)
        {
            // Enough strings for this page (and one to know there is a next).
        }

        return new DumpStringsDto(sink.Rows.Take(pageSize).ToList(), page, pageSize, sink.Rows.Count > pageSize, total);
    }

    /// <summary>The count of the default listing from the run's summary (<c>strings.ascii + strings.utf16le</c>).</summary>
    private static async Task<long?> StoredCountAsync(IAnalysisRunStore runs, EvidenceId id, int run, CancellationToken cancellationToken)
    {
        var json = await runs.SummaryAsync(id, run, cancellationToken);
        if (json is null)
        {
            return null;
        }

        try
        {
            using var summary = System.Text.Json.JsonDocument.Parse(json);
            return summary.RootElement.TryGetProperty("strings", out var strings)
                   && strings.TryGetProperty("ascii", out var ascii) && strings.TryGetProperty("utf16le", out var utf16)
                ? ascii.GetInt64() + utf16.GetInt64()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The last checkpoint whose ordinal is at most <paramref name="target"/>: a binary search over the index rows in
    /// ordinal order, one row per query, so it costs O(log n) point reads of the run store whatever the dump's size.
    /// </summary>
    public static async Task<Checkpoint?> NearestCheckpointAsync(IAnalysisRunStore runs, EvidenceId id, int run, long target, CancellationToken cancellationToken)
    {
        if (target <= 0)
        {
            return null;
        }

        try
        {
            var first = await RowAsync(runs, id, run, 1, cancellationToken);
            if (first is null || first.Value.Checkpoint.Ordinal > target)
            {
                return null;
            }

            long lo = 1, hi = first.Value.Total;
            var best = first.Value.Checkpoint;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo + 1) / 2);
                var row = await RowAsync(runs, id, run, mid, cancellationToken);
                if (row is { } found && found.Checkpoint.Ordinal <= target)
                {
                    best = found.Checkpoint;
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return best;
        }
        catch (ResultQueryException)
        {
            return null; // a run written before the index existed
        }
    }

    private static async Task<(Checkpoint Checkpoint, long Total)?> RowAsync(IAnalysisRunStore runs, EvidenceId id, int run, long row, CancellationToken cancellationToken)
    {
        if (row > int.MaxValue)
        {
            return null;
        }

        var result = await runs.QueryAsync(id, run, new ResultQuery(IndexTable, Sort: "ordinal", Page: (int)row, PageSize: 1), cancellationToken);
        if (result.Rows.Count == 0)
        {
            return null;
        }

        var values = result.Rows[0];
        var ordinal = result.Table.IndexOf("ordinal");
        var offset = result.Table.IndexOf("offset");
        return (new Checkpoint(Convert.ToInt64(values[ordinal], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(values[offset], System.Globalization.CultureInfo.InvariantCulture)), result.Total);
    }

    /// <summary>A scan started at <see cref="Offset"/> with the string counter at <see cref="Ordinal"/> reproduces the default listing from there.</summary>
    public readonly record struct Checkpoint(long Ordinal, long Offset);

    private sealed class PageSink(string? filter, long skip, int take) : IStringSink
    {
        private readonly byte[]? _filter = string.IsNullOrEmpty(filter) ? null : Encoding.ASCII.GetBytes(filter.ToLowerInvariant());
        private long _skipped;

        public List<StringRowDto> Rows { get; } = [];

        public void OnString(StringEncoding encoding, long offset, ReadOnlySpan<byte> text)
        {
            if (_filter is not null && !ContainsIgnoringCase(text, _filter))
            {
                return;
            }

            if (_skipped < skip)
            {
                _skipped++;
                return;
            }

            Rows.Add(new StringRowDto(offset, encoding, Encoding.ASCII.GetString(text)));
            if (Rows.Count >= take)
            {
                throw new PageFullException();
            }
        }

        private static bool ContainsIgnoringCase(ReadOnlySpan<byte> text, byte[] lowerNeedle)
        {
            for (var i = 0; i + lowerNeedle.Length <= text.Length; i++)
            {
                var j = 0;
                while (j < lowerNeedle.Length && (byte)(text[i + j] | (text[i + j] is >= (byte)'A' and <= (byte)'Z' ? 0x20 : 0)) == lowerNeedle[j])
                {
                    j++;
                }

                if (j == lowerNeedle.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class PageFullException : Exception;
}
