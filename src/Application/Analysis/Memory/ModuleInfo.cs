namespace CaseManager.Application.Analysis.Memory;

/// <summary>A module loaded in a minidump's process.</summary>
public sealed record ModuleInfo(string Path, ulong BaseAddress, ulong Size, DateTimeOffset? Timestamp);
