using System.Collections.Frozen;
using System.Reflection;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>The embedded data files the memory analyser matches against (TLDs, malware names, mining pools).</summary>
internal static class ReferenceLists
{
    /// <summary>TLDs that are also common file extensions or code member names; two-label names ending in them are not taken as domains.</summary>
    private static readonly FrozenSet<string> FileLikeTlds = FrozenSet.Create(StringComparer.Ordinal,
        "so", "sh", "py", "pl", "pm", "rs", "md", "mo", "ps", "cc", "cs", "in", "am", "ac", "ai", "al", "as", "at", "do",
        "go", "id", "im", "io", "is", "it", "la", "me", "mk", "ml", "ms", "mt", "no", "pe", "ph", "pt", "re", "ro", "rw",
        "sa", "sc", "si", "sk", "sr", "st", "sv", "to", "tr", "tt", "vc", "ws", "gz", "xz", "bz", "ci", "cd", "lt", "gs");

    /// <summary>
    /// TLDs trusted for a bare name found in memory. Most other TLDs are also English words or short codes that
    /// collide with code identifiers ("color.red", "os.link", "data.rel.ro"), so bare names ending in them are only
    /// taken when they are URL hosts, e-mail domains or dynamic-DNS names.
    /// </summary>
    private static readonly FrozenSet<string> StrongTlds = FrozenSet.Create(StringComparer.Ordinal,
        "com", "net", "org", "info", "biz", "gov", "edu", "mil", "int", "arpa", "top", "xyz", "club", "online", "site", "pw",
        "icu", "vip", "shop", "store", "tech", "space", "website", "cloud", "cc", "ws", "tk", "ml", "ga", "cf", "gq",
        "ru", "su", "cn", "hk", "tw", "kr", "jp", "de", "fr", "nl", "uk", "us", "ca", "au", "br", "ir", "ua", "kz", "by",
        "vn", "eu", "io");

    public static FrozenSet<string> Tlds { get; } = Lines("tlds.txt").ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> MiningPools { get; } = Lines("miner-pool-names.txt").Select(l => l.ToLowerInvariant()).ToArray();

    /// <summary>Known malware names and their category (miner, botnet, ransomware, tool).</summary>
    public static FrozenDictionary<string, string> MalwareNames { get; } = Lines("malware-names.txt")
        .Select(l => l.Split(',', 2))
        .Where(p => p.Length == 2)
        .ToFrozenDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Malware names by the case-folded key of their first two characters (see <see cref="PairKey"/>).</summary>
    public static FrozenDictionary<int, string[]> MalwareNamesByPair { get; } = MalwareNames.Keys
        .GroupBy(n => PairKey(n[0], n[1]))
        .ToFrozenDictionary(g => g.Key, g => g.ToArray());

    /// <summary>One flag per two-character key: a linear pre-filter several times faster than a case-insensitive multi-string search.</summary>
    public static bool[] MalwareNamePairs { get; } = BuildPairs();

    public static int PairKey(char first, char second) => ((first | 0x20) & 0x7f) << 7 | ((second | 0x20) & 0x7f);

    /// <summary>True when <paramref name="name"/> (lower case) is a plausible domain; <paramref name="bare"/> names get the stricter TLD rule.</summary>
    public static bool IsDomain(string name, out string? ddnsZone, bool bare = false)
    {
        ddnsZone = null;
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || !Tlds.Contains(name[(dot + 1)..]))
        {
            return false;
        }

        var secondLevel = name.LastIndexOf('.', dot - 1);
        if (dot - secondLevel - 1 < 2)
        {
            return false; // one-character registrable labels are almost always noise in memory
        }

        ddnsZone = DynamicDnsZones.Match(name);
        var tld = name[(dot + 1)..].ToLowerInvariant();
        if (ddnsZone is null && name.IndexOf('.', StringComparison.Ordinal) == dot && FileLikeTlds.Contains(tld))
        {
            return false;
        }

        if (ddnsZone is null && bare && !StrongTlds.Contains(tld))
        {
            return false;
        }

        return true;
    }

    public static string? MiningPool(string domain)
    {
        foreach (var pool in MiningPools)
        {
            if (domain.Equals(pool, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + pool, StringComparison.OrdinalIgnoreCase))
            {
                return pool;
            }
        }

        return null;
    }

    private static bool[] BuildPairs()
    {
        var pairs = new bool[1 << 14];
        foreach (var key in MalwareNamesByPair.Keys)
        {
            pairs[key] = true;
        }

        return pairs;
    }

    private static List<string> Lines(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CaseManager.Infrastructure.Analysis.Data." + file)
            ?? throw new InvalidOperationException($"Embedded resource {file} is missing.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
            {
                lines.Add(text);
            }
        }

        return lines;
    }
}
