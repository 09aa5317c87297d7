using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;

namespace CaseManager.Application.Indicators;

/// <summary>Where an indicator of the register was seen: one evidence item (and the context the analyser gave).</summary>
public sealed record IndicatorSource(Guid EvidenceId, string EvidenceName, string? Analyser, string? Context, IndicatorRelevance Relevance);

/// <summary>Another case whose evidence or register holds the same indicator.</summary>
public sealed record OtherCase(Guid CaseId, string Number);

/// <summary>One indicator of a case's register: evidence sightings merged by type and canonical value, plus the consultant's assessment.</summary>
public sealed record RegisterEntry(
    string Key,
    IndicatorType Type,
    string Value,
    IndicatorRelevance Relevance,
    IndicatorStatus Status,
    TrafficLightProtocol Tlp,
    IReadOnlyList<string> Tags,
    string? Note,
    bool Manual,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyList<IndicatorSource> Sources,
    IReadOnlyList<OtherCase> AlsoSeenIn,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>Ordinary context nobody has assessed: folded away by default.</summary>
    public bool IsOrdinary => !Manual && Relevance == IndicatorRelevance.Context && Status == IndicatorStatus.Suspected;

    /// <summary>Worth handing to a blocklist or a STIX feed: not dismissed, and either not ordinary or confirmed.</summary>
    public bool IsActionable => Status is not (IndicatorStatus.FalsePositive or IndicatorStatus.Benign) && !IsOrdinary;
}

/// <summary>
/// Builds a case's IOC register: every indicator of every evidence item (as its latest analysis run left them, so a
/// re-run replaces that evidence's contribution), merged by type and canonical value, joined with the consultant's
/// assessments and manual indicators (<see cref="CaseIndicator"/>). First and last seen are when the evidence holding
/// it was acquired (or received). Cross-case sightings are looked up by value over all organisations, so only staff
/// queries call this.
/// </summary>
public static class IndicatorRegister
{
    public static string KeyOf(IndicatorType type, string value) => $"{type}:{value}";

    public static (IndicatorType Type, string Value)? ParseKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Enum.TryParse<IndicatorType>(key[..colon], false, out var type) && Enum.IsDefined(type) && !char.IsDigit(key[0])
            ? (type, key[(colon + 1)..])
            : null;
    }

    public static async Task<IReadOnlyList<RegisterEntry>> BuildAsync(IApplicationDbContext db, CaseId caseId, bool crossCase, CancellationToken cancellationToken)
    {
        var sightings = await db.EvidenceIndicators.AsNoTracking()
            .Join(db.Evidence.Where(e => e.CaseId == caseId), i => i.EvidenceId, e => e.Id, (i, e) => new
            {
                i.Type,
                i.Value,
                i.Context,
                i.Relevance,
                EvidenceId = e.Id,
                e.OriginalName,
                e.Analyser,
                Seen = e.AcquiredAt ?? e.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        var assessed = await db.CaseIndicators.AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync(cancellationToken);
        var assessments = assessed.ToDictionary(a => (a.Type, a.Value));
        var incidentTlp = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Tlp).SingleAsync(cancellationToken);

        var groups = sightings
            .GroupBy(s => (s.Type, Value: IndicatorValue.Canonical(s.Type, s.Value)))
            .ToDictionary(g => g.Key, g => g.ToList());
        var keys = groups.Keys.Union(assessments.Keys).ToList();

        var others = crossCase ? await OtherCasesAsync(db, caseId, keys, sightings.Select(s => s.Value), cancellationToken) : [];

        return keys.Select(k =>
            {
                var found = groups.GetValueOrDefault(k) ?? [];
                var a = assessments.GetValueOrDefault(k);
                var seen = found.Select(s => s.Seen).Concat(a?.SeenAt is { } at ? [at] : []).ToList();
                return new RegisterEntry(
                    KeyOf(k.Type, k.Value),
                    k.Type,
                    k.Value,
                    found.Count == 0 ? IndicatorRelevance.Suspicious : found.Max(s => s.Relevance),
                    a?.Status ?? IndicatorStatus.Suspected,
                    a?.Tlp ?? incidentTlp,
                    a?.TagList ?? [],
                    a?.Note,
                    a?.IsManual ?? false,
                    seen.Count == 0 ? null : seen.Min(),
                    seen.Count == 0 ? null : seen.Max(),
                    found.OrderBy(s => s.OriginalName, StringComparer.Ordinal)
                        .Select(s => new IndicatorSource(s.EvidenceId.Value, s.OriginalName, s.Analyser, s.Context, s.Relevance))
                        .ToList(),
                    others.GetValueOrDefault(k) ?? [],
                    a?.UpdatedBy,
                    a?.UpdatedAt);
            })
            .OrderByDescending(e => e.Status == IndicatorStatus.ConfirmedMalicious)
            .ThenByDescending(e => e.Relevance)
            .ThenBy(e => e.Status is IndicatorStatus.FalsePositive or IndicatorStatus.Benign)
            .ThenBy(e => e.Type)
            .ThenBy(e => e.Value, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<Dictionary<(IndicatorType, string), List<OtherCase>>> OtherCasesAsync(
        IApplicationDbContext db, CaseId caseId, IReadOnlyCollection<(IndicatorType Type, string Value)> keys, IEnumerable<string> rawValues, CancellationToken cancellationToken)
    {
        var wanted = keys.ToHashSet();
        var values = keys.Select(k => k.Value).Concat(rawValues).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count == 0)
        {
            return [];
        }

        var fromEvidence = await db.EvidenceIndicators.AsNoTracking()
            .Where(i => values.Contains(i.Value))
            .Join(db.Evidence.Where(e => e.CaseId != caseId), i => i.EvidenceId, e => e.Id, (i, e) => new { i.Type, i.Value, e.CaseId })
            .Join(db.Cases, x => x.CaseId, c => c.Id, (x, c) => new { x.Type, x.Value, x.CaseId, c.Number })
            .Distinct()
            .ToListAsync(cancellationToken);
        var manual = await db.CaseIndicators.AsNoTracking()
            .Where(i => i.CaseId != caseId && values.Contains(i.Value))
            .Join(db.Cases, x => x.CaseId, c => c.Id, (x, c) => new { x.Type, x.Value, x.CaseId, c.Number })
            .ToListAsync(cancellationToken);
        return fromEvidence.Concat(manual)
            .Select(x => (Key: (x.Type, IndicatorValue.Canonical(x.Type, x.Value)), Case: new OtherCase(x.CaseId.Value, x.Number.ToString())))
            .Where(x => wanted.Contains(x.Key))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Case).DistinctBy(c => c.CaseId).OrderBy(c => c.Number, StringComparer.Ordinal).ToList());
    }
}
