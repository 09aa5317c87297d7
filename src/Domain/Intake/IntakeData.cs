namespace CaseManager.Domain.Intake;

/// <summary>
/// The information collection form's content, as the client or consultant entered it. Immutable:
/// every save stores a new value (and a version). Consultant-only fields are in <see cref="IntakeInternal"/>.
/// </summary>
public sealed record IntakeData
{
    public const int ShortText = 200;
    public const int LongText = 4000;

    public Reporter Reporter { get; init; } = new();

    public Engagement Engagement { get; init; } = new();

    public IReadOnlyList<AffectedHost> Hosts { get; init; } = [];

    public Symptoms Symptoms { get; init; } = new();

    public IntakeTimeline Timeline { get; init; } = new();

    public ActionsTaken Actions { get; init; } = new();

    public IReadOnlyList<EvidenceOnHand> Evidence { get; init; } = [];

    public RansomwareDetails Ransomware { get; init; } = new();

    public MiningDetails Mining { get; init; } = new();

    public static IntakeData Empty { get; } = new();
}

public sealed record Reporter(string? Name = null, string? Role = null, string? Phone = null, string? Email = null);

public sealed record Engagement(
    ReportChannel? HowReported = null,
    Level? Urgency = null,
    Level? ImpactLevel = null,
    string? ImpactText = null,
    string? Constraints = null);

/// <summary>A host the incident touches. <see cref="Id"/> stays the same across versions so evidence can refer to it.</summary>
public sealed record AffectedHost(
    Guid Id,
    string? Hostname = null,
    IReadOnlyList<string>? IpAddresses = null,
    string? OperatingSystem = null,
    string? Role = null,
    string? ExposedServices = null,
    string? SecuritySoftware = null,
    HostState? State = null,
    Level? Importance = null);

public sealed record SymptomEntry(SymptomKind Kind, string? Details = null);

public sealed record Symptoms(
    IReadOnlyList<SymptomEntry>? Observed = null,
    string? AlertProduct = null,
    string? AlertText = null);

/// <summary>Times as the client gives them, in their own time zone (an IANA id such as Asia/Shanghai).</summary>
public sealed record IntakeTimeline(
    DateTime? FirstNoticed = null,
    DateTime? LastKnownGood = null,
    DateTime? ClientActed = null,
    string? TimeZone = null);

public sealed record ActionsTaken(IReadOnlyList<ActionKind>? Kinds = null, string? Details = null);

public sealed record EvidenceOnHand(EvidenceType Type, string? Location = null, string? HeldBy = null);

public sealed record RansomwareDetails(
    string? NoteText = null,
    string? EncryptedExtension = null,
    decimal? RansomAmount = null,
    string? Currency = null,
    string? WalletOrContact = null,
    bool? LeakSiteMentioned = null,
    bool? BackupsAvailable = null,
    bool? BackupsAffected = null,
    string? Family = null);

public sealed record MiningDetails(
    int? ObservedCpuPercent = null,
    string? PoolOrWallet = null,
    string? CrontabEntries = null,
    string? MinerProcessNames = null);

/// <summary>Consultant-only fields: never shown to, or sent to, a client user.</summary>
public sealed record IntakeInternal(string? InternalNotes = null, string? FirstAssessment = null)
{
    public static IntakeInternal Empty { get; } = new();
}
