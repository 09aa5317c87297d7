namespace CaseManager.Application.Analysis.Memory;

/// <summary>Options of a strings pass; <paramref name="MinLength"/> is GNU's <c>-n</c> (default 8).</summary>
public sealed record StringsOptions(int MinLength = 8, StringEncoding Encoding = StringEncoding.Both, IProgress<double>? Progress = null, long? TotalLength = null);
