namespace CaseManager.Application.Analysis.Memory;

/// <summary>A file mapped into the dumped process (ELF core NT_FILE note).</summary>
public sealed record MappedFile(ulong Start, ulong End, ulong FileOffset, string Path);
