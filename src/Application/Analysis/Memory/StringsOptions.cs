namespace CaseManager.Application.Analysis.Memory;

/// <summary>
/// Options of a strings pass; <paramref name="MinLength"/> is GNU's <c>-n</c> (default 8). <paramref name="StartOffset"/>
/// is where the input stream is positioned (a strings-index checkpoint): offsets are reported from there, absolute.
/// </summary>
public sealed record StringsOptions(
    int MinLength = 8,
    StringEncoding Encoding = StringEncoding.Both,
    IProgress<double>? Progress = null,
    long? TotalLength = null,
    long StartOffset = 0);
