namespace CaseManager.Application.Analysis.Memory;

/// <summary>How many strings of each encoding a pass found.</summary>
public sealed record StringCounts(long Ascii, long Utf16le);
