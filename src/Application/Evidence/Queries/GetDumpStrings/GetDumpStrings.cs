using System.Text;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetDumpStrings;

/// <summary>
/// One page of a dump's or sample's strings, read from the evidence itself, streamed, filtered and paged on the
/// server; the scan stops as soon as the page is full, so the page never holds more than it shows.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetDumpStringsQuery(Guid EvidenceId, string? Filter, StringEncoding Encoding = StringEncoding.Both, int MinLength = 8, int Page = 1, int PageSize = 100)
    : IQuery<DumpStringsDto>;

/// <summary>A page of strings; <see cref="Total"/> is known when the run stored the count for these options.</summary>
public sealed record DumpStringsDto(IReadOnlyList<StringRowDto> Strings, int Page, int PageSize, bool HasMore, long? Total);

public sealed record StringRowDto(long Offset, StringEncoding Encoding, string Text);

public sealed class GetDumpStringsQueryHandler(IApplicationDbContext db, IEvidenceStore store, IStringsExtractor extractor)
    : IQueryHandler<GetDumpStringsQuery, DumpStringsDto>
{
    public const int MaxPageSize = 500;

    public async ValueTask<DumpStringsDto> Handle(GetDumpStringsQuery query, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(query.EvidenceId);
        var item = await db.Evidence.AsNoTracking().Where(e => e.Id == id)
                       .Select(e => new { e.Sha256 })
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException(nameof(EvidenceItem), query.EvidenceId);

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var sink = new PageSink(query.Filter?.Trim(), (page - 1) * pageSize, pageSize + 1);
        await using (var content = store.OpenRead(item.Sha256))
        {
            try
            {
                await extractor.ExtractAsync(content, new StringsOptions(Math.Clamp(query.MinLength, 4, 64), query.Encoding), sink, cancellationToken);
            }
            catch (PageFullException)
            {
                // Enough strings for this page (and one to know there is a next).
            }
        }

        return new DumpStringsDto(sink.Rows.Take(pageSize).ToList(), page, pageSize, sink.Rows.Count > pageSize, null);
    }

    private sealed class PageSink(string? filter, int skip, int take) : IStringSink
    {
        private readonly byte[]? _filter = string.IsNullOrEmpty(filter) ? null : Encoding.ASCII.GetBytes(filter.ToLowerInvariant());
        private int _skipped;

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
