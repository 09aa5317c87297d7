using System.Collections.Frozen;
using System.Reflection;

namespace CaseManager.Infrastructure.Analysis;

/// <summary>
/// Dynamic-DNS provider zones (3322.org, duckdns.org, no-ip …), read once from the embedded
/// data file <c>Analysis/Data/ddns-suffixes.txt</c>. A name matches when it equals a zone or ends in ".zone".
/// </summary>
public static class DynamicDnsZones
{
    private static readonly FrozenSet<string> Zones = Load();

    public static IReadOnlyCollection<string> All => Zones;

    /// <summary>Returns the provider zone <paramref name="name"/> belongs to, or null.</summary>
    public static string? Match(string name)
    {
        var candidate = name.TrimEnd('.').ToLowerInvariant();
        while (candidate.Length > 0)
        {
            if (Zones.Contains(candidate))
            {
                return candidate;
            }

            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[(dot + 1)..];
        }

        return null;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CaseManager.Infrastructure.Analysis.Data.ddns-suffixes.txt")
            ?? throw new InvalidOperationException("Embedded resource ddns-suffixes.txt is missing.");
        using var reader = new StreamReader(stream);
        var zones = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
            {
                zones.Add(text.ToLowerInvariant());
            }
        }

        return zones.ToFrozenSet(StringComparer.Ordinal);
    }
}
