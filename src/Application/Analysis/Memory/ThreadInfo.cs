namespace CaseManager.Application.Analysis.Memory;

/// <summary>
/// A thread of the dumped process (minidump thread list, or one NT_PRSTATUS note per thread of an ELF core):
/// <paramref name="State"/> is the pending signal of a core thread or "suspended" in a minidump, <paramref name="Pc"/>
/// the instruction pointer where the dump holds it (x86-64 cores).
/// </summary>
public sealed record ThreadInfo(long ThreadId, ulong? StackStart, ulong? StackSize, string? State = null, ulong? Pc = null);
