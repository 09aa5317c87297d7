namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>An ELF program header.</summary>
internal readonly record struct ElfSegment(uint Type, uint Flags, ulong Offset, ulong VirtualAddress, ulong FileSize, ulong MemorySize);
