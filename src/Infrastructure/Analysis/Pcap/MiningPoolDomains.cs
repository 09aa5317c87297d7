using System.Collections.Frozen;
using System.Reflection;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Known mining-pool domains, read once from the embedded data file <c>Analysis/Data/mining-pools.txt</c>.
/// A name matches when it equals a listed domain or ends in ".domain".
/// </summary>
internal static class MiningPoolDomains
{
    private static readonly FrozenSet<string> Domains = Load();

    public static IReadOnlyCollection<string> All => Domains;

    /// <summary>Returns the listed domain <paramref name="name"/> belongs to, or null.</summary>
    public static string? Match(string name)
    {
        var candidate = name.TrimEnd('.').ToLowerInvariant();
        while (candidate.Length > 0)
        {
            if (Domains.Contains(candidate))
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
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CaseManager.Infrastructure.Analysis.Data.mining-pools.txt")
            ?? throw new InvalidOperationException("Embedded resource mining-pools.txt is missing.");
        using var reader = new StreamReader(stream);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
            {
                domains.Add(text.ToLowerInvariant());
            }
        }

        return domains.ToFrozenSet(StringComparer.Ordinal);
    }
}
