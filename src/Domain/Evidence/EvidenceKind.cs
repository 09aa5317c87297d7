namespace CaseManager.Domain.Evidence;

/// <summary>What a piece of evidence is, detected from its content (a consultant may override it).</summary>
public enum EvidenceKind
{
    Pcap,
    Pcapng,
    ElfCore,
    Minidump,
    RawMemory,
    TriageBundle,
    ElfExecutable,
    PeExecutable,
    Script,
    LogText,
    Archive,
    Other,
}
