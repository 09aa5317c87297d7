using System.Text.RegularExpressions;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Classification;

/// <summary>
/// A consultant's classification of a case: the type (with an optional family such as XMRig or LockBit) and severity.
/// Decisions are only ever added; the newest is the case's classification, the older ones its history.
/// </summary>
public sealed partial class ClassificationDecision : ITenantOwned
{
    public const int FamilyMaxLength = 60;
    public const int ReasonMaxLength = 2000;

    private ClassificationDecision()
    {
    }

    public long Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public IncidentType Type { get; private set; }

    public string? Family { get; private set; }

    public Severity Severity { get; private set; }

    /// <summary>The top suggestion when the consultant decided (null when nothing was suggested).</summary>
    public IncidentType? SuggestedType { get; private set; }

    public int SuggestedScore { get; private set; }

    /// <summary>True when the consultant chose another type than the top suggestion.</summary>
    public bool IsOverride { get; private set; }

    public string? Reason { get; private set; }

    public string DecidedBy { get; private set; } = string.Empty;

    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>
    /// Records a decision. Choosing another type than the top suggestion is an override and needs a reason.
    /// </summary>
    public static ClassificationDecision Decide(
        IncidentCase incident,
        IncidentType type,
        string? family,
        Severity severity,
        IncidentType? suggested,
        int suggestedScore,
        string? reason,
        string decidedBy,
        DateTimeOffset now)
    {
        if (!Enum.IsDefined(type) || !Enum.IsDefined(severity))
        {
            throw new DomainException("Unknown incident type or severity.");
        }

        family = string.IsNullOrWhiteSpace(family) ? null : family.Trim();
        if (family is not null && (family.Length > FamilyMaxLength || !FamilyPattern().IsMatch(family)))
        {
            throw new DomainException($"A family is a name of up to {FamilyMaxLength} letters, digits, spaces, dots, dashes or underscores (e.g. XMRig, LockBit).");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > ReasonMaxLength })
        {
            throw new DomainException($"The reason is at most {ReasonMaxLength} characters.");
        }

        var isOverride = suggested is not null && suggested != type;
        if (isOverride && reason is null)
        {
            throw new DomainException("Choosing another type than the suggested one needs a reason.");
        }

        if (incident.Phase == CasePhase.Closed)
        {
            throw new DomainException("A closed case cannot be classified.");
        }

        return new ClassificationDecision
        {
            CaseId = incident.Id,
            ClientId = incident.ClientId,
            Type = type,
            Family = family,
            Severity = severity,
            SuggestedType = suggested,
            SuggestedScore = suggestedScore,
            IsOverride = isOverride,
            Reason = reason,
            DecidedBy = decidedBy,
            DecidedAt = now,
        };
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._\-]*$")]
    private static partial Regex FamilyPattern();
}
