namespace CaseManager.Application.Analysis.Memory;

/// <summary>
/// Extracts printable strings exactly as GNU <c>strings -a -n N</c> (ASCII) and <c>strings -a -n N -e l</c>
/// (UTF-16LE) do, in one streaming pass, handing each string to the sink.
/// </summary>
public interface IStringsExtractor
{
    Task<StringCounts> ExtractAsync(Stream input, StringsOptions options, IStringSink sink, CancellationToken ct);
}
