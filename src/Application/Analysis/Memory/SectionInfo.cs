namespace CaseManager.Application.Analysis.Memory;

/// <summary>A section of a sample with its Shannon entropy in bits per byte (0-8).</summary>
public sealed record SectionInfo(string Name, long Offset, long Size, ulong VirtualAddress, double Entropy);
