using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Shared.Intake;

/// <summary>
/// The intake comparison's field paths (<c>data.hosts[0].state</c>, as the diff query flattens the stored JSON) as
/// the form's own labels in the user's language: "Affected hosts 1 › State". Unknown paths keep their last name.
/// </summary>
public static partial class IntakeFieldLabels
{
    private static readonly Dictionary<string, string> Sections = new(StringComparer.Ordinal)
    {
        ["data.reporter"] = "Reporter and engagement",
        ["data.engagement"] = "Reporter and engagement",
        ["data.hosts"] = "Affected hosts",
        ["data.symptoms"] = "Symptoms",
        ["data.symptoms.observed"] = "Symptoms",
        ["data.ransomware"] = "Ransomware",
        ["data.mining"] = "Cryptomining",
        ["data.timeline"] = "Timeline",
        ["data.actions"] = "Actions already taken",
        ["data.actions.kinds"] = "Actions already taken",
        ["data.evidence"] = "Evidence on hand",
        ["internal"] = "Consultants only (never shown to the client)",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["data.reporter.name"] = "Reporter name",
        ["data.reporter.role"] = "Role",
        ["data.reporter.phone"] = "Phone",
        ["data.reporter.email"] = "E-mail",
        ["data.engagement.howReported"] = "How reported",
        ["data.engagement.urgency"] = "Urgency",
        ["data.engagement.impactLevel"] = "Business impact",
        ["data.engagement.impactText"] = "Impact on the business",
        ["data.engagement.constraints"] = "Constraints (business hours, systems that must not go down)",
        ["data.hosts.id"] = "Host id",
        ["data.hosts.hostname"] = "Hostname",
        ["data.hosts.ipAddresses"] = "IP addresses",
        ["data.hosts.operatingSystem"] = "OS and version",
        ["data.hosts.role"] = "Role / business function",
        ["data.hosts.exposedServices"] = "Exposed services (ports)",
        ["data.hosts.securitySoftware"] = "Security software",
        ["data.hosts.state"] = "State",
        ["data.hosts.importance"] = "Importance",
        ["data.symptoms.observed.kind"] = "Symptom",
        ["data.symptoms.observed.details"] = "Details",
        ["data.symptoms.alertProduct"] = "Security product",
        ["data.symptoms.alertText"] = "Alert text",
        ["data.ransomware.noteText"] = "Ransom note text",
        ["data.ransomware.encryptedExtension"] = "Encrypted file extension",
        ["data.ransomware.ransomAmount"] = "Ransom amount",
        ["data.ransomware.currency"] = "Currency",
        ["data.ransomware.family"] = "Family, if known",
        ["data.ransomware.walletOrContact"] = "Wallet or contact",
        ["data.mining.observedCpuPercent"] = "Observed CPU %",
        ["data.mining.poolOrWallet"] = "Pool or wallet seen",
        ["data.mining.minerProcessNames"] = "Miner process names",
        ["data.mining.crontabEntries"] = "Crontab entries seen",
        ["data.timeline.firstNoticed"] = "First noticed",
        ["data.timeline.lastKnownGood"] = "Last known good",
        ["data.timeline.clientActed"] = "Client began to act",
        ["data.timeline.timeZone"] = "Time zone",
        ["data.actions.details"] = "Details",
        ["data.evidence.type"] = "What",
        ["data.evidence.location"] = "Where",
        ["data.evidence.heldBy"] = "Held by",
        ["internal.firstAssessment"] = "First assessment",
        ["internal.internalNotes"] = "Internal notes",
    };

    public static string Describe(string path, IStringLocalizer l)
    {
        var segments = Segment().Matches(path).Select(m => (Name: m.Groups[1].Value, Index: m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : (int?)null)).ToList();
        if (segments.Count == 0)
        {
            return path;
        }

        var plain = string.Join('.', segments.Select(s => s.Name));
        var parts = new List<string>();

        // The section: the longest known prefix, numbered when it is a list ("Affected hosts 2").
        for (var n = segments.Count; n > 0; n--)
        {
            var prefix = string.Join('.', segments.Take(n).Select(s => s.Name));
            if (Sections.TryGetValue(prefix, out var section) && prefix != plain)
            {
                parts.Add(segments[n - 1].Index is { } i ? $"{l[section]} {i + 1}" : l[section]);
                break;
            }

            if (Sections.TryGetValue(prefix, out section) && segments[n - 1].Index is { } only)
            {
                parts.Add($"{l[section]} {only + 1}");
                break;
            }
        }

        if (Fields.TryGetValue(plain, out var field))
        {
            parts.Add(l[field]);
        }
        else if (!Sections.ContainsKey(plain))
        {
            parts.Add(segments[^1].Name);
        }

        return string.Join(" › ", parts);
    }

    [GeneratedRegex(@"([A-Za-z]+)(?:\[(\d+)\])?")]
    private static partial Regex Segment();
}
