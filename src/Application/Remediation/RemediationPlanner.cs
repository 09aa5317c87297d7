using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Notifications;
using CaseManager.Domain.Remediation;

namespace CaseManager.Application.Remediation;

/// <summary>Analysis results that know which host they describe (a triage bundle's host name).</summary>
public interface IDescribesHost
{
    string Host { get; }
}

/// <summary>
/// Builds a case's remediation checklist: the playbook of the confirmed type (the current version, seeded from the
/// embedded Playbooks.json on first use) and one item per exact target a finding names. Idempotent: an item is only
/// added when no item of the case has its target key. Also verifies items by re-collection.
/// </summary>
public static class RemediationPlanner
{
    public const string ResourceName = "CaseManager.Application.Remediation.Playbooks.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<PlaybookStep>>> Seed = new(() =>
    {
        using var stream = typeof(RemediationPlanner).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}.");
        return JsonSerializer.Deserialize<Dictionary<string, List<PlaybookStep>>>(stream, Json)!
            .ToDictionary(p => p.Key, p => (IReadOnlyList<PlaybookStep>)p.Value, StringComparer.OrdinalIgnoreCase);
    });

    /// <summary>The steps of the seed data file, per type key.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PlaybookStep>> SeedSteps => Seed.Value;

    public static string Serialise(IReadOnlyList<PlaybookStep> steps) => JsonSerializer.Serialize(steps, Json);

    public static IReadOnlyList<PlaybookStep> Steps(PlaybookTemplate template) => JsonSerializer.Deserialize<List<PlaybookStep>>(template.Steps, Json) ?? [];

    /// <summary>The current version of a type's playbook, seeding version 1 from the data file when there is none yet.</summary>
    public static async Task<PlaybookTemplate?> CurrentAsync(IApplicationDbContext db, IncidentType type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await db.Playbooks.Where(p => p.Type == type).OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        if (current is not null)
        {
            return current;
        }

        if (!SeedSteps.TryGetValue(type.Key(), out var steps))
        {
            return null;
        }

        current = PlaybookTemplate.Create(type, 1, steps, Serialise, "seed", now);
        db.Playbooks.Add(current);
        return current;
    }

    /// <summary>Called when a classification is confirmed: adds the type's playbook and the finding items (not yet saved).</summary>
    public static async Task OnClassifiedAsync(IApplicationDbContext db, IncidentCase incident, IncidentType type, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var template = await CurrentAsync(db, type, now, cancellationToken);
        var keys = await KeysAsync(db, incident.Id, cancellationToken);
        if (template is not null)
        {
            var order = 0;
            foreach (var step in Steps(template))
            {
                var item = RemediationItem.FromPlaybook(incident, step, order++, type.Key(), template.Version, by, now);
                if (keys.Add(item.TargetKey))
                {
                    db.RemediationItems.Add(item);
                }
            }
        }

        var evidence = await db.Evidence.AsNoTracking().Where(e => e.CaseId == incident.Id && (e.AnalysisStatus == AnalysisStatus.Succeeded || e.AnalysisStatus == AnalysisStatus.SucceededWithWarnings))
            .Select(e => new { e.Id, e.HostId, e.ClientId }).ToListAsync(cancellationToken);
        foreach (var item in evidence)
        {
            var host = await HostOfAsync(db, item.Id, item.HostId, cancellationToken);
            await AddFindingItemsAsync(db, incident.Id, item.ClientId, item.Id, host, keys, by, now, cancellationToken);
        }
    }

    /// <summary>
    /// Called when an analysis run was stored: adds the items its findings name, then checks earlier items of the same
    /// host (same analyser) against it: gone → verified by re-collection, still there → flagged and the assignee told.
    /// </summary>
    public static async Task OnAnalysedAsync(IApplicationDbContext db, EvidenceItem evidence, string? hostName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var host = evidence.HostId is { } hostId ? $"host:{hostId}" : string.IsNullOrWhiteSpace(hostName) ? null : $"name:{hostName.Trim().ToLowerInvariant()}";
        if (host is not null)
        {
            await db.RemediationHosts.Where(h => h.EvidenceId == evidence.Id).ExecuteDeleteAsync(cancellationToken);
            db.RemediationHosts.Add(new RemediationHost(evidence.Id, host));
        }

        var keys = await KeysAsync(db, evidence.CaseId, cancellationToken);
        var current = await AddFindingItemsAsync(db, evidence.CaseId, evidence.ClientId, evidence.Id, host, keys, "system (analysis)", now, cancellationToken);
        if (host is null || evidence.Analyser is null)
        {
            return;
        }

        var prefix = $"{evidence.Analyser}.";
        var earlier = await db.RemediationItems
            .Where(i => i.CaseId == evidence.CaseId && i.Source == RemediationSource.Finding && i.Host == host && i.EvidenceId != evidence.Id
                && i.Status != RemediationStatus.WontDo && i.FindingCode!.StartsWith(prefix))
            .ToListAsync(cancellationToken);
        var notify = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in earlier)
        {
            if (current.Contains(item.TargetKey))
            {
                item.FlagStillPresent(evidence.Id, now);
                if (item.AssigneeUserId is { } user)
                {
                    notify.Add(user);
                }
            }
            else if (item.Status != RemediationStatus.Verified)
            {
                var from = item.Status;
                item.VerifyByRecollection(evidence.Id, now);
                if (item.TimelineEntryFor(from, null) is { } entry)
                {
                    db.Timeline.Add(entry);
                }
            }
        }

        if (notify.Count > 0)
        {
            var incident = await db.Cases.SingleAsync(c => c.Id == evidence.CaseId, cancellationToken);
            foreach (var user in notify)
            {
                db.Notifications.Add(Notification.AboutCase(user, NotificationKind.RemediationStillPresent, incident, now));
            }
        }
    }

    private static async Task<string?> HostOfAsync(IApplicationDbContext db, EvidenceId id, Guid? hostId, CancellationToken cancellationToken) =>
        hostId is { } h ? $"host:{h}" : await db.RemediationHosts.Where(r => r.EvidenceId == id).Select(r => r.Host).FirstOrDefaultAsync(cancellationToken);

    private static async Task<HashSet<string>> KeysAsync(IApplicationDbContext db, CaseId caseId, CancellationToken cancellationToken) =>
        new(await db.RemediationItems.Where(i => i.CaseId == caseId).Select(i => i.TargetKey).ToListAsync(cancellationToken), StringComparer.Ordinal);

    /// <summary>Adds the items the evidence's current findings name; returns the target keys of all of them (new or not).</summary>
    private static async Task<HashSet<string>> AddFindingItemsAsync(
        IApplicationDbContext db, CaseId caseId, Domain.Clients.ClientId clientId, EvidenceId evidenceId, string? host, HashSet<string> keys, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var findings = db.EvidenceFindings.Local.Where(f => f.EvidenceId == evidenceId).ToList();
        if (findings.Count == 0)
        {
            findings = await db.EvidenceFindings.AsNoTracking().Where(f => f.EvidenceId == evidenceId).ToListAsync(cancellationToken);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = 1000;
        foreach (var finding in findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal))
        {
            foreach (var action in FindingActions.For(finding.Code, FindingJson.Arguments(finding.Arguments)))
            {
                var key = $"{host ?? $"evidence:{evidenceId}"}|{finding.Code}|{action.Key}";
                var item = RemediationItem.FromFinding(caseId, clientId, action.Stage, order++, key, action.Action, finding.Code, action.Target, action.Command, evidenceId, host, by, now);
                seen.Add(item.TargetKey);
                if (keys.Add(item.TargetKey))
                {
                    db.RemediationItems.Add(item);
                }
            }
        }

        return seen;
    }
}
