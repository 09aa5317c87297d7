using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;

namespace CaseManager.Application.Indicators;

/// <summary>The register as CSV, a STIX 2.1 bundle, or a plain blocklist.</summary>
public static class IndicatorExports
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The TLP 1.0 marking definitions of the STIX 2.1 specification (§7.2.1.4), for the case's TLP 2.0 labels.</summary>
    private static readonly Dictionary<TrafficLightProtocol, string> TlpMarkings = new()
    {
        [TrafficLightProtocol.Clear] = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        [TrafficLightProtocol.Green] = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        [TrafficLightProtocol.Amber] = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        [TrafficLightProtocol.AmberStrict] = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        [TrafficLightProtocol.Red] = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
    };

    private static readonly string[] CsvColumns =
        ["type", "value", "status", "relevance", "tlp", "tags", "first_seen", "last_seen", "sources", "also_seen_in", "manual", "note"];

    public static string Csv(IEnumerable<RegisterEntry> entries)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', CsvColumns)).Append("\r\n");
        foreach (var e in entries)
        {
            string[] cells =
            [
                e.Type.ToString(), e.Value, e.Status.ToString(), e.Relevance.ToString(), e.Tlp.Label(), string.Join(' ', e.Tags),
                Time(e.FirstSeen), Time(e.LastSeen), string.Join("; ", e.Sources.Select(s => s.EvidenceName)),
                string.Join(' ', e.AlsoSeenIn.Select(c => c.Number)), e.Manual ? "yes" : "no", e.Note ?? string.Empty,
            ];
            csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        }

        return csv.ToString();

        static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>
    /// Values one per line: IPs, domains (and .onion names) and hashes that are actionable (not dismissed as benign or
    /// false positive, and not unassessed ordinary context). <paramref name="kind"/> narrows it to <c>ip</c>, <c>domain</c> or <c>hash</c>.
    /// </summary>
    public static string Blocklist(IEnumerable<RegisterEntry> entries, string? kind)
    {
        IndicatorType[] types = kind?.ToLowerInvariant() switch
        {
            "ip" => [IndicatorType.Ip],
            "domain" => [IndicatorType.Domain, IndicatorType.Onion],
            "hash" => [IndicatorType.Hash],
            null or "" or "all" => [IndicatorType.Ip, IndicatorType.Domain, IndicatorType.Onion, IndicatorType.Hash],
            _ => throw new Common.Exceptions.ValidationException("kind", "A blocklist kind is ip, domain, hash or all."),
        };
        var lines = entries
            .Where(e => e.IsActionable && types.Contains(e.Type) && IndicatorValue.Normalize(e.Type, e.Value, out _) is not null)
            .OrderBy(e => Array.IndexOf(types, e.Type)).ThenBy(e => e.Value, StringComparer.Ordinal)
            .Select(e => e.Value);
        return string.Concat(lines.Select(l => l + "\n"));
    }

    /// <summary>
    /// A STIX 2.1 bundle of indicator objects for the actionable entries whose type has a STIX cyber-observable
    /// (IP, domain, onion, URL, e-mail, hash, file path, process, command line). Ids are name-based UUIDs of the
    /// case and the indicator, so a re-export updates the same objects rather than adding new ones.
    /// </summary>
    public static string Stix(Guid caseId, string caseNumber, IEnumerable<RegisterEntry> entries, DateTimeOffset now)
    {
        var objects = new JsonArray();
        foreach (var e in entries.Where(e => e.IsActionable))
        {
            if (Pattern(e.Type, e.Value) is not { } pattern)
            {
                continue;
            }

            var created = e.FirstSeen ?? now;
            var modified = new[] { created, e.LastSeen ?? created, e.UpdatedAt ?? created }.Max();
            var indicator = new JsonObject
            {
                ["type"] = "indicator",
                ["spec_version"] = "2.1",
                ["id"] = $"indicator--{NameUuid($"{caseId:D}/{e.Key}")}",
                ["created"] = Timestamp(created),
                ["modified"] = Timestamp(modified),
                ["name"] = $"{e.Type} {e.Value}",
                ["description"] = $"{caseNumber}: seen in {string.Join(", ", e.Sources.Select(s => s.EvidenceName).DefaultIfEmpty("manual entry"))}" + (e.Note is null ? string.Empty : $". {e.Note}"),
                ["indicator_types"] = new JsonArray(e.Status == IndicatorStatus.ConfirmedMalicious ? "malicious-activity" : "anomalous-activity"),
                ["pattern"] = pattern,
                ["pattern_type"] = "stix",
                ["pattern_version"] = "2.1",
                ["valid_from"] = Timestamp(created),
                ["object_marking_refs"] = new JsonArray(TlpMarkings[e.Tlp]),
            };
            if (e.Tags.Count > 0)
            {
                indicator["labels"] = new JsonArray(e.Tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
            }

            objects.Add(indicator);
        }

        var bundle = new JsonObject
        {
            ["type"] = "bundle",
            ["id"] = $"bundle--{Guid.NewGuid():D}",
            ["objects"] = objects,
        };
        return bundle.ToJsonString(Json);
    }

    /// <summary>A STIX patterning expression for one value, or null when STIX has no observable for its type.</summary>
    public static string? Pattern(IndicatorType type, string value)
    {
        switch (type)
        {
            case IndicatorType.Ip:
                return $"[{(value.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr")}:value = {Quote(value)}]";
            case IndicatorType.Domain:
            case IndicatorType.Onion:
                return $"[domain-name:value = {Quote(value)}]";
            case IndicatorType.Url:
                return $"[url:value = {Quote(value)}]";
            case IndicatorType.Email:
                return $"[email-addr:value = {Quote(value)}]";
            case IndicatorType.Hash:
                return IndicatorValue.HashAlgorithm(value) switch
                {
                    "MD5" => $"[file:hashes.MD5 = {Quote(value)}]",
                    { } algorithm => $"[file:hashes.'{algorithm}' = {Quote(value)}]",
                    null => null,
                };
            case IndicatorType.FilePath:
                var slash = Math.Max(value.LastIndexOf('/'), value.LastIndexOf('\\'));
                return slash < 0 || slash == value.Length - 1
                    ? $"[file:name = {Quote(value)}]"
                    : $"[file:name = {Quote(value[(slash + 1)..])} AND file:parent_directory_ref.path = {Quote(slash == 0 ? value[..1] : value[..slash])}]";
            case IndicatorType.Process:
                return $"[process:image_ref.name = {Quote(value)}]";
            case IndicatorType.Command:
                return $"[process:command_line = {Quote(value)}]";
            default:
                return null;
        }
    }

    /// <summary>A STIX pattern string literal: in single quotes, with backslash and quote escaped by a backslash.</summary>
    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>RFC 3339 in UTC with milliseconds and Z, as STIX timestamps must be.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A CSV cell, quoted, with formula-looking text defused (a leading =, +, -, @ gets an apostrophe).</summary>
    private static string Cell(string value)
    {
        var v = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>RFC 9562 version-5 (SHA-1, name-based) UUID in the URL namespace.</summary>
    private static string NameUuid(string name)
    {
        var ns = Guid.Parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8").ToByteArray(bigEndian: true);
        var hash = SHA1.HashData([.. ns, .. Encoding.UTF8.GetBytes("casemanager:" + name)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
