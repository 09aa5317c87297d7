namespace CaseManager.Application.Analysis;

/// <summary>
/// Where in the evidence a finding comes from: for captures the frames and time range, for dumps and samples the
/// byte offsets; <see cref="Table"/> and <see cref="Filter"/> name the rows of the run's result tables behind it.
/// </summary>
public sealed record EvidenceReference(
    string? Table = null,
    string? Filter = null,
    long? FirstFrame = null,
    long? LastFrame = null,
    long? FromNanoseconds = null,
    long? ToNanoseconds = null,
    long? Offset = null,
    long? Length = null);
