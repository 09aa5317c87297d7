namespace CaseManager.Application.Analysis.Memory;

/// <summary>Static facts about an executable sample: hashes, type, overall entropy, sections and format details.</summary>
public sealed record SampleInfo(
    string Md5,
    string Sha1,
    string Sha256,
    string Type,
    long Size,
    double Entropy,
    IReadOnlyList<SectionInfo> Sections,
    ElfInfo? Elf,
    PeInfo? Pe);
