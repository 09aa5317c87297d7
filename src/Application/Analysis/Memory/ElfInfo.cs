namespace CaseManager.Application.Analysis.Memory;

/// <summary>ELF header facts of a sample.</summary>
public sealed record ElfInfo(
    string Class,
    string Machine,
    string Type,
    ulong Entry,
    string? Interpreter,
    bool Static,
    bool Stripped,
    bool UpxPacked,
    IReadOnlyList<string> NeededLibraries);
