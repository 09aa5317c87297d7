namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// A mining JSON-RPC message (stratum, XMRig/Monero login/submit/job, getwork, getblocktemplate).
/// <see cref="Login"/> is the wallet or worker of a login/authorize; <see cref="Agent"/> the miner software.
/// </summary>
public sealed record StratumMessageRecord(
    long Frame,
    CaptureTimestamp Time,
    int Stream,
    string Src,
    int SrcPort,
    string Dst,
    int DstPort,
    string Method,
    string? Login,
    string? Agent);
