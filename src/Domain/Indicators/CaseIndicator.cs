using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;
using CaseManager.Domain.Evidence;

namespace CaseManager.Domain.Indicators;

/// <summary>
/// A consultant's entry in a case's IOC register: either a manual indicator, or the assessment (status, TLP, tags,
/// note) of one the analyses found. What the evidence contributes (sources, first and last seen) is not copied here:
/// the register merges it live from the evidence's indicators, so a re-run replaces its evidence's contribution.
/// One row per case, type and canonical value.
/// </summary>
public sealed class CaseIndicator : ITenantOwned
{
    public const int NoteMaxLength = 4000;
    public const int TagMaxLength = 40;
    public const int MaxTags = 20;

    private CaseIndicator()
    {
    }

    public Guid Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public IndicatorType Type { get; private set; }

    /// <summary>The canonical value (<see cref="IndicatorValue.Normalize"/>).</summary>
    public string Value { get; private set; } = string.Empty;

    /// <summary>Added by hand rather than found by an analysis.</summary>
    public bool IsManual { get; private set; }

    public IndicatorStatus Status { get; private set; }

    public TrafficLightProtocol Tlp { get; private set; }

    /// <summary>Tags, lower-case, separated by commas.</summary>
    public string Tags { get; private set; } = string.Empty;

    public string? Note { get; private set; }

    /// <summary>For manual indicators: when the consultant says it was seen (else the time it was added).</summary>
    public DateTimeOffset? SeenAt { get; private set; }

    public string UpdatedBy { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<string> TagList => Tags.Length == 0 ? [] : Tags.Split(',');

    public static CaseIndicator AddManual(
        IncidentCase incident,
        IndicatorType type,
        string value,
        IndicatorStatus status,
        TrafficLightProtocol tlp,
        IEnumerable<string> tags,
        string? note,
        DateTimeOffset? seenAt,
        string by,
        DateTimeOffset now)
    {
        var canonical = IndicatorValue.Normalize(type, value, out var error) ?? throw new DomainException(error!);
        if (seenAt > now)
        {
            throw new DomainException("An indicator cannot be seen in the future.");
        }

        var indicator = new CaseIndicator
        {
            Id = Guid.CreateVersion7(),
            CaseId = incident.Id,
            ClientId = incident.ClientId,
            Type = type,
            Value = canonical,
            IsManual = true,
            Tlp = incident.Tlp,
            SeenAt = seenAt ?? now,
        };
        indicator.Assess(status, tlp, note, by, now);
        indicator.AddTags(tags, by, now);
        return indicator;
    }

    /// <summary>Starts tracking the assessment of an indicator the analyses found (suspected, with the case's TLP).</summary>
    public static CaseIndicator Track(IncidentCase incident, IndicatorType type, string canonicalValue, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = incident.Id,
        ClientId = incident.ClientId,
        Type = type,
        Value = canonicalValue,
        Tlp = incident.Tlp,
        UpdatedBy = by,
        UpdatedAt = now,
    };

    public void Assess(IndicatorStatus status, TrafficLightProtocol tlp, string? note, string by, DateTimeOffset now)
    {
        SetStatus(status, by, now);
        SetTlp(tlp, by, now);
        SetNote(note, by, now);
    }

    public void SetStatus(IndicatorStatus status, string by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("Unknown indicator status.");
        }

        Status = status;
        Touch(by, now);
    }

    public void SetTlp(TrafficLightProtocol tlp, string by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(tlp))
        {
            throw new DomainException("Unknown TLP label.");
        }

        Tlp = tlp;
        Touch(by, now);
    }

    public void SetNote(string? note, string by, DateTimeOffset now)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > NoteMaxLength })
        {
            throw new DomainException($"A note is at most {NoteMaxLength} characters.");
        }

        Note = note;
        Touch(by, now);
    }

    public void AddTags(IEnumerable<string> tags, string by, DateTimeOffset now)
    {
        var all = TagList.Concat(tags.Select(NormalizeTag).Where(t => t.Length > 0)).Distinct(StringComparer.Ordinal).ToList();
        if (all.Count > MaxTags)
        {
            throw new DomainException($"An indicator has at most {MaxTags} tags.");
        }

        Tags = string.Join(',', all);
        Touch(by, now);
    }

    public void RemoveTag(string tag, string by, DateTimeOffset now)
    {
        var t = NormalizeTag(tag);
        Tags = string.Join(',', TagList.Where(x => x != t));
        Touch(by, now);
    }

    /// <summary>A tag: lower-case letters, digits, dashes, dots, colons or underscores, at most <see cref="TagMaxLength"/>.</summary>
    public static string NormalizeTag(string tag)
    {
        var t = tag.Trim().ToLowerInvariant();
        if (t.Length > TagMaxLength || t.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
        {
            throw new DomainException($"A tag is at most {TagMaxLength} letters, digits, dashes, dots, colons or underscores: \"{tag}\".");
        }

        return t;
    }

    private void Touch(string by, DateTimeOffset now)
    {
        UpdatedBy = by;
        UpdatedAt = now;
    }
}
