namespace CaseManager.Application.Analysis.Memory;

/// <summary>PE header facts of a sample.</summary>
public sealed record PeInfo(
    string Machine,
    DateTimeOffset Timestamp,
    string Subsystem,
    bool Is64Bit,
    bool IsDll,
    bool IsDotNet,
    bool SignaturePresent,
    IReadOnlyList<PeImport> Imports);
