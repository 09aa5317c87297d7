namespace CaseManager.Application.Analysis.Memory;

/// <summary>
/// The dumped process: name (what the core records: comm in a kernel-made core, the cmdline basename in a gcore one),
/// ids, command line and the path of the binary that was running; <paramref name="Disguise"/> is a kernel-thread name
/// found in the process's memory or mappings when the recorded name is not one (renamed with prctl), at
/// <paramref name="DisguiseOffsets"/> (file offsets).
/// </summary>
public sealed record ProcessInfo(
    string? Name,
    int? Pid,
    int? Ppid,
    long? Uid,
    string? Args,
    string? ExecutablePath,
    string? Disguise = null,
    IReadOnlyList<long>? DisguiseOffsets = null);
