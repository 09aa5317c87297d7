namespace CaseManager.Application.Analysis.Memory;

/// <summary>The dumped process: name (comm), ids, command line and the path of the binary that was running.</summary>
public sealed record ProcessInfo(string? Name, int? Pid, int? Ppid, long? Uid, string? Args, string? ExecutablePath);
