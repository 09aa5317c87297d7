using System.Text.Json.Serialization;

namespace CaseManager.Infrastructure.Analysis.Triage;

/// <summary>
/// What a triage bundle says about its host, as <c>casemgr analyze BUNDLE --json</c> prints it under <c>triage</c>
/// (docs/analysis-json.md). Times are ISO 8601 UTC strings.
/// </summary>
public sealed record TriageResult(
    string Host,
    string Os,
    string? CollectedAt,
    string? Collector,
    IReadOnlyList<TriageProcess> Processes,
    IReadOnlyList<TriageConnection> Connections,
    IReadOnlyList<TriagePersistence> Persistence,
    IReadOnlyList<TriageModule> Modules,
    IReadOnlyList<TriageAccount> Accounts,
    IReadOnlyList<TriageAuthEvent> AuthFailures,
    IReadOnlyList<TriageFile> Files) : Application.Remediation.IDescribesHost;

public sealed record TriageProcess(int Pid, int Ppid, string Name, string Cmdline, string Exe, string Uid, string? StartTime)
{
    [JsonIgnore]
    public double CpuSeconds { get; init; }

    [JsonIgnore]
    public long? StartUnix { get; init; }

    [JsonIgnore]
    public string Cwd { get; init; } = string.Empty;

    [JsonIgnore]
    public string? Signature { get; init; }

    [JsonIgnore]
    public List<string> Maps { get; } = [];

    [JsonPropertyName("flags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Flags { get; set; }
}

public sealed record TriageEndpoint(string Ip, int Port)
{
    public override string ToString() => Ip.Contains(':', StringComparison.Ordinal) ? $"[{Ip}]:{Port}" : $"{Ip}:{Port}";
}

public sealed record TriageConnection(int? Pid, string Protocol, TriageEndpoint Local, TriageEndpoint Remote, string State);

public sealed record TriagePersistence(string Kind, string Location, string Command)
{
    [JsonIgnore]
    public string? Signature { get; init; }

    [JsonIgnore]
    public string? User { get; init; }
}

/// <summary>A loaded kernel module; <see cref="Taint"/> is /proc/modules' taint letters (O out-of-tree, E unsigned, P proprietary …), empty when clean.</summary>
public sealed record TriageModule(string Name, long Size, string UsedBy)
{
    public string Taint { get; init; } = string.Empty;
}

public sealed record TriageAccount(string Name, string Uid, string Shell, string Home, string Note);

public sealed record TriageAuthEvent(string? Time, string Source, string User, string Service)
{
    [JsonIgnore]
    public long? Unix { get; init; }

    [JsonIgnore]
    public bool Success { get; init; }
}

public sealed record TriageFile(string Path, string Sha256, long Size, string Magic, string? Mtime)
{
    [JsonIgnore]
    public long? MtimeUnix { get; init; }
}
