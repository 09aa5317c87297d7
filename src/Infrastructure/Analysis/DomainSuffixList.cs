using System.Collections.Frozen;
using System.Reflection;

namespace CaseManager.Infrastructure.Analysis;

/// <summary>
/// A list of DNS zones read once from an embedded data file under <c>Analysis/Data/</c> (one zone per
/// line, '#' starts a comment). A name matches when it equals a zone or ends in ".zone".
/// </summary>
public sealed class DomainSuffixList
{
    private readonly FrozenSet<string> _zones;

    public DomainSuffixList(string dataFile) => _zones = Load(dataFile);

    public IReadOnlyCollection<string> All => _zones;

    /// <summary>Returns the listed zone <paramref name="name"/> belongs to, or null.</summary>
    public string? Match(string name)
    {
        var candidate = name.TrimEnd('.').ToLowerInvariant();
        while (candidate.Length > 0)
        {
            if (_zones.Contains(candidate))
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

    private static FrozenSet<string> Load(string dataFile)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CaseManager.Infrastructure.Analysis.Data." + dataFile)
            ?? throw new InvalidOperationException($"Embedded resource {dataFile} is missing.");
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
