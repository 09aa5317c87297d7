namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>An ELF section header with its resolved name.</summary>
internal readonly record struct ElfSection(string Name, uint Type, ulong Flags, ulong Address, ulong Offset, ulong Size, uint Link);
