namespace CaseManager.Domain.Evidence;

/// <summary>What a piece of evidence is, as told from its first bytes (and, where content cannot tell, its name).</summary>
public enum EvidenceKind
{
    Other = 0,
    Pcap = 1,
    Pcapng = 2,
    ElfCore = 3,
    Minidump = 4,
    RawMemory = 5,
    TriageBundle = 6,
    ElfExecutable = 7,
    PeExecutable = 8,
    Script = 9,
    LogText = 10,
    Archive = 11,
}
