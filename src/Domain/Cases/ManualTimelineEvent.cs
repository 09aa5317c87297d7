using CaseManager.Domain.Common;

namespace CaseManager.Domain.Cases;

/// <summary>
/// An event of the incident a consultant learnt and entered by hand (an interview, a log outside the evidence):
/// when it happened (UTC), on which host, what happened and, optionally, its ATT&amp;CK tactic.
/// </summary>
public sealed class ManualTimelineEvent
{
    public const int HostMaxLength = 255;
    public const int DescriptionMaxLength = 2000;

    /// <summary>Earliest time accepted; anything before is a typing error.</summary>
    public static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ManualTimelineEvent()
    {
    }

    public Guid Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string? Host { get; private set; }

    public string Description { get; private set; } = string.Empty;

    public AttackTactic? Tactic { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public static ManualTimelineEvent Record(
        CaseId caseId, DateTimeOffset occurredAt, string? host, string description, AttackTactic? tactic, string by, DateTimeOffset now)
    {
        if (occurredAt > now)
        {
            throw new DomainException("The event's time lies in the future.");
        }

        if (occurredAt < Earliest)
        {
            throw new DomainException("The event's time lies before 1990.");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            throw new DomainException("Say what happened.");
        }

        if (tactic is { } t && !Enum.IsDefined(t))
        {
            throw new DomainException("Unknown ATT&CK tactic.");
        }

        return new ManualTimelineEvent
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            OccurredAt = occurredAt.ToUniversalTime(),
            Host = string.IsNullOrWhiteSpace(host) ? null : host.Trim(),
            Description = description.Trim(),
            Tactic = tactic,
            CreatedBy = by,
            CreatedAt = now,
        };
    }
}
