using CaseManager.Application.Analysis.Memory;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>GNU-compatible streaming strings extraction (see <see cref="StringScanner"/>).</summary>
public sealed class StringsExtractor : IStringsExtractor
{
    public async Task<StringCounts> ExtractAsync(Stream input, StringsOptions options, IStringSink sink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var scanner = new StringScanner(options.MinLength, options.Encoding, sink, startOffset: options.StartOffset);
        var total = options.TotalLength ?? (input.CanSeek ? input.Length - input.Position : null);
        await scanner.ScanAsync(input, options.Progress, total, ct).ConfigureAwait(false);
        return new StringCounts(scanner.AsciiCount, scanner.Utf16Count);
    }
}
