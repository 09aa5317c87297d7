namespace CaseManager.Application.Analysis.Memory;

/// <summary>A thread of the dumped process (minidump thread list, or one NT_PRSTATUS note per thread of an ELF core).</summary>
public sealed record ThreadInfo(long ThreadId, ulong? StackStart, ulong? StackSize);
