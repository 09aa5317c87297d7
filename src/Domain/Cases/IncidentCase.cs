using CaseManager.Domain.Cases.Events;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Cases;

/// <summary>An incident-response engagement for one client, carried through the five phases.</summary>
public sealed class IncidentCase : AuditableEntity<CaseId>, IAggregateRoot, ITenantOwned
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 8000;

    private readonly List<PhaseChange> _history = [];
    private readonly List<CaseAssignment> _assignments = [];

    private IncidentCase()
    {
    }

    public ClientId ClientId { get; private set; }

    public CaseNumber Number { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public Severity Severity { get; private set; }

    public TrafficLightProtocol Tlp { get; private set; }

    public CasePhase Phase { get; private set; }

    public DateTimeOffset? DetectedAt { get; private set; }

    public DateTimeOffset? ReportedAt { get; private set; }

    public DateTimeOffset? EngagedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Whether users of the client organisation may upload evidence to this case themselves.</summary>
    public bool ClientUploadsAllowed { get; private set; }

    public IReadOnlyList<PhaseChange> History => _history;

    public IReadOnlyList<CaseAssignment> Assignments => _assignments;

    public static IncidentCase Open(
        ClientId clientId,
        CaseNumber number,
        string title,
        string? description,
        Severity severity,
        TrafficLightProtocol tlp,
        string openedBy,
        DateTimeOffset now)
    {
        var incident = new IncidentCase
        {
            Id = CaseId.New(),
            ClientId = clientId,
            Number = number,
            Phase = CasePhase.Intake,
        };
        incident.UpdateDetails(title, description, severity, tlp);
        incident._history.Add(new PhaseChange(null, CasePhase.Intake, openedBy, now, null));
        return incident;
    }

    public void UpdateDetails(string title, string? description, Severity severity, TrafficLightProtocol tlp)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new DomainException("A case needs a title.");
        }

        if (!Enum.IsDefined(severity) || !Enum.IsDefined(tlp))
        {
            throw new DomainException("Unknown severity or TLP.");
        }

        Title = title.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Severity = severity;
        Tlp = tlp;
    }

    /// <summary>Sets when the incident was detected, reported to us, and when we engaged.</summary>
    public void SetKeyDates(DateTimeOffset? detectedAt, DateTimeOffset? reportedAt, DateTimeOffset? engagedAt, DateTimeOffset now)
    {
        if (detectedAt > now || reportedAt > now || engagedAt > now)
        {
            throw new DomainException("Key dates cannot lie in the future.");
        }

        if (detectedAt is not null && reportedAt is not null && reportedAt < detectedAt)
        {
            throw new DomainException("An incident cannot be reported before it was detected.");
        }

        DetectedAt = detectedAt;
        ReportedAt = reportedAt;
        EngagedAt = engagedAt;
    }

    /// <summary>
    /// Moves the case to another phase. Forward moves go one phase at a time; going back to an
    /// earlier phase, closing before the report phase and reopening a closed case need a comment.
    /// </summary>
    public void ChangePhase(CasePhase to, string? comment, string changedBy, DateTimeOffset now)
    {
        if (!Enum.IsDefined(to))
        {
            throw new DomainException("Unknown phase.");
        }

        if (to == Phase)
        {
            throw new DomainException("The case is already in this phase.");
        }

        var hasComment = !string.IsNullOrWhiteSpace(comment);
        var isNextPhase = (int)to == (int)Phase + 1;
        if (to == CasePhase.Closed && !isNextPhase && !hasComment)
        {
            throw new DomainException("Closing a case before its report phase needs a comment saying why.");
        }

        if (to < Phase && !hasComment)
        {
            throw new DomainException("Moving a case back to an earlier phase needs a comment saying why.");
        }

        if (to > Phase && to != CasePhase.Closed && !isNextPhase)
        {
            throw new DomainException("Phases advance one at a time; a case cannot skip a phase.");
        }

        _history.Add(new PhaseChange(Phase, to, changedBy, now, comment));
        Phase = to;
        ClosedAt = to == CasePhase.Closed ? now : null;
    }

    public void AssignConsultant(string userId, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new DomainException("A consultant id is required.");
        }

        if (_assignments.Any(a => a.UserId == userId))
        {
            return;
        }

        _assignments.Add(new CaseAssignment(userId, now));
        Raise(new ConsultantAssigned(Id, userId));
    }

    public void UnassignConsultant(string userId) => _assignments.RemoveAll(a => a.UserId == userId);

    public void AllowClientUploads(bool allowed) => ClientUploadsAllowed = allowed;
}
