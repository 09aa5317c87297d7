using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;
using CaseManager.Domain.Evidence;

namespace CaseManager.Domain.Remediation;

/// <summary>
/// One checklist item of a case's remediation: a playbook step, or an action on an exact target generated from a finding
/// (the pid chain to kill, the file to remove, the cron line to delete, the pool to block), linked to the evidence it
/// came from and carrying the finding's command. <see cref="TargetKey"/> makes generation idempotent.
/// </summary>
public sealed class RemediationItem : ITenantOwned
{
    public const int TargetMaxLength = 1000;
    public const int CommandMaxLength = 2000;
    public const int NoteMaxLength = 2000;
    public const int ReasonMaxLength = 1000;
    public const int ProofMaxLength = 4000;
    public const int KeyMaxLength = 600;

    private RemediationItem()
    {
    }

    public Guid Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public RemediationStage Stage { get; private set; }

    public int Order { get; private set; }

    public RemediationSource Source { get; private set; }

    /// <summary>Unique per case: <c>playbook:{type}:{step}</c> or <c>{host}|{code}|{target}</c>.</summary>
    public string TargetKey { get; private set; } = string.Empty;

    /// <summary>Playbook items: the version they came from.</summary>
    public int? PlaybookVersion { get; private set; }

    public string? TextEn { get; private set; }

    public string? TextZh { get; private set; }

    /// <summary>Finding items: what to do (<c>kill</c>, <c>remove-file</c>, <c>remove-persistence</c>, <c>block</c>, <c>reset-account</c>, <c>review</c>).</summary>
    public string? Action { get; private set; }

    public string? FindingCode { get; private set; }

    public string? Target { get; private set; }

    public string? Command { get; private set; }

    public EvidenceId? EvidenceId { get; private set; }

    /// <summary>The host the finding was seen on (intake host id or the host name of the bundle).</summary>
    public string? Host { get; private set; }

    public RemediationStatus Status { get; private set; }

    public string? AssigneeUserId { get; private set; }

    public string? AssigneeName { get; private set; }

    /// <summary>Set when the assignee is a user of the client organisation (the portal shows the item).</summary>
    public bool AssignedToClient { get; private set; }

    public DateOnly? DueOn { get; private set; }

    public string? Note { get; private set; }

    public string? Reason { get; private set; }

    public string? Proof { get; private set; }

    public string UpdatedBy { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    public EvidenceId? VerifiedByEvidenceId { get; private set; }

    /// <summary>Set when a re-collection still shows the finding (cleared when a later one no longer does).</summary>
    public EvidenceId? StillPresentInEvidenceId { get; private set; }

    public DateTimeOffset? OverdueNotifiedAt { get; private set; }

    public static RemediationItem FromPlaybook(IncidentCase incident, PlaybookStep step, int order, string typeKey, int version, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = incident.Id,
        ClientId = incident.ClientId,
        Stage = step.Stage,
        Order = order,
        Source = RemediationSource.Playbook,
        TargetKey = Truncate($"playbook:{typeKey}:{step.Key}", KeyMaxLength),
        PlaybookVersion = version,
        TextEn = step.En,
        TextZh = step.Zh,
        UpdatedBy = by,
        UpdatedAt = now,
    };

    public static RemediationItem FromFinding(
        CaseId caseId, ClientId clientId, RemediationStage stage, int order, string targetKey, string action, string code, string target, string? command, EvidenceId evidenceId, string? host, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        ClientId = clientId,
        Stage = stage,
        Order = order,
        Source = RemediationSource.Finding,
        TargetKey = Truncate(targetKey, KeyMaxLength),
        Action = action,
        FindingCode = code,
        Target = Truncate(target, TargetMaxLength),
        Command = command is null ? null : Truncate(command, CommandMaxLength),
        EvidenceId = evidenceId,
        Host = host,
        UpdatedBy = by,
        UpdatedAt = now,
    };

    /// <summary>True when the status is a normal next or previous step (no reason needed).</summary>
    public static bool IsAdjacent(RemediationStatus from, RemediationStatus to) =>
        from == to || (to != RemediationStatus.WontDo && from != RemediationStatus.WontDo && Math.Abs((int)to - (int)from) == 1);

    public bool IsOverdue(DateOnly today) => DueOn is { } due && due < today && Status is RemediationStatus.Open or RemediationStatus.InProgress;

    /// <summary>Assigns the item (null: nobody) and sets its due date.</summary>
    public void Assign(string? userId, string? name, bool client, DateOnly? due, string by, DateTimeOffset now)
    {
        AssigneeUserId = userId;
        AssigneeName = userId is null ? null : name;
        AssignedToClient = userId is not null && client;
        if (due != DueOn)
        {
            OverdueNotifiedAt = null;
        }

        DueOn = due;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    /// <summary>
    /// Moves the item to <paramref name="to"/>. A jump that skips steps (e.g. Open → Done), going back, and Won't do need a reason;
    /// only staff verify.
    /// </summary>
    public void ChangeStatus(RemediationStatus to, string? note, string? reason, string? proof, bool staff, string by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(to))
        {
            throw new DomainException("Unknown status.");
        }

        note = Clean(note);
        reason = Clean(reason);
        proof = Clean(proof);
        if (note is { Length: > NoteMaxLength })
        {
            throw new DomainException($"The note is at most {NoteMaxLength} characters.");
        }

        if (reason is { Length: > ReasonMaxLength })
        {
            throw new DomainException($"The reason is at most {ReasonMaxLength} characters.");
        }

        if (proof is { Length: > ProofMaxLength })
        {
            throw new DomainException($"The proof is at most {ProofMaxLength} characters; attach longer output as evidence.");
        }

        if (to == RemediationStatus.Verified && !staff)
        {
            throw new DomainException("Only a consultant verifies an item.");
        }

        if (!staff && Status == RemediationStatus.Verified)
        {
            throw new DomainException("A verified item can only be reopened by a consultant.");
        }

        if (reason is null && (to == RemediationStatus.WontDo || !IsAdjacent(Status, to)))
        {
            throw new DomainException(to == RemediationStatus.WontDo
                ? "Won't do needs a reason."
                : "This status change skips steps: give a reason.");
        }

        Status = to;
        Note = note ?? Note;
        Reason = reason;
        Proof = proof ?? Proof;
        UpdatedBy = by;
        UpdatedAt = now;
        if (to != RemediationStatus.Verified)
        {
            VerifiedByEvidenceId = null;
        }
    }

    /// <summary>A re-collection of the host no longer shows the finding.</summary>
    public void VerifyByRecollection(EvidenceId evidence, DateTimeOffset now)
    {
        Status = RemediationStatus.Verified;
        VerifiedByEvidenceId = evidence;
        StillPresentInEvidenceId = null;
        Reason = null;
        UpdatedBy = "system (re-collection)";
        UpdatedAt = now;
    }

    /// <summary>A re-collection of the host still shows the finding: the item is open again until it is gone.</summary>
    public void FlagStillPresent(EvidenceId evidence, DateTimeOffset now)
    {
        StillPresentInEvidenceId = evidence;
        if (Status is RemediationStatus.Done or RemediationStatus.Verified)
        {
            Status = RemediationStatus.InProgress;
            VerifiedByEvidenceId = null;
        }

        UpdatedBy = "system (re-collection)";
        UpdatedAt = now;
    }

    public void MarkOverdueNotified(DateTimeOffset now) => OverdueNotifiedAt = now;

    /// <summary>
    /// The case timeline entry for a status change from <paramref name="from"/> to the current status: done, verified and
    /// won't do are recorded (null otherwise). The subject is the item's target key, so the timeline shows the item's text
    /// in the reader's language; the detail is what this change said (its reason, else its note), never an earlier note.
    /// </summary>
    public TimelineEntry? TimelineEntryFor(RemediationStatus from, string? detail)
    {
        if (from == Status)
        {
            return null;
        }

        TimelineEntryKind? kind = Status switch
        {
            RemediationStatus.Done => TimelineEntryKind.RemediationDone,
            RemediationStatus.Verified => TimelineEntryKind.RemediationVerified,
            RemediationStatus.WontDo => TimelineEntryKind.RemediationWontDo,
            _ => null,
        };
        // Host is "name:{bundle host name}" or "host:{intake host id}"; the timeline shows host names only.
        var host = Host is { } h && h.StartsWith("name:", StringComparison.Ordinal) ? h["name:".Length..] : null;
        return kind is { } k ? TimelineEntry.ByPerson(CaseId, k, UpdatedAt, TargetKey, UpdatedBy, host, Clean(detail)) : null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
