namespace CaseManager.Domain.Intake;

public enum IntakeStatus
{
    Draft = 0,
    Submitted = 1,
}

public enum ReportChannel
{
    Phone = 0,
    Email = 1,
    Portal = 2,
    MonitoringAlert = 3,
    Regulator = 4,
    Other = 5,
}

public enum Level
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}

public enum HostState
{
    Running = 0,
    Isolated = 1,
    PoweredOff = 2,
    Reimaged = 3,
}

/// <summary>What the client saw. Ransomware and mining symptoms open their own blocks of questions.</summary>
public enum SymptomKind
{
    HighCpu = 0,
    UnknownProcesses = 1,
    FilesEncrypted = 2,
    RansomNote = 3,
    AbnormalOutbound = 4,
    NetworkOutage = 5,
    ServiceUnavailable = 6,
    Defacement = 7,
    UnknownAccounts = 8,
    SecurityAlerts = 9,
    LogsDeleted = 10,
    Other = 11,
}

public enum ActionKind
{
    Nothing = 0,
    Rebooted = 1,
    Disconnected = 2,
    KilledProcesses = 3,
    DeletedFiles = 4,
    RestoredFromBackup = 5,
    Reinstalled = 6,
    ChangedPasswords = 7,
}

public enum EvidenceType
{
    Samples = 0,
    PacketCaptures = 1,
    MemoryDumps = 2,
    Logs = 3,
    DiskImages = 4,
    Other = 5,
}

public static class IntakeSymptoms
{
    public static bool IsRansomware(SymptomKind kind) => kind is SymptomKind.FilesEncrypted or SymptomKind.RansomNote;

    public static bool IsMining(SymptomKind kind) => kind is SymptomKind.HighCpu or SymptomKind.UnknownProcesses;
}
