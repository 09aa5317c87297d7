using System.Text.Json;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.Classification;

/// <summary>
/// The classification rules, read from the one data file <c>ClassificationRules.json</c> (embedded in this assembly):
/// weights from intake symptoms, finding codes and indicator types to incident types.
/// </summary>
public sealed class ClassificationRules
{
    public const string ResourceName = "CaseManager.Application.Classification.ClassificationRules.json";

    private ClassificationRules(
        IReadOnlyDictionary<SymptomKind, IReadOnlyDictionary<IncidentType, int>> symptoms,
        IReadOnlyDictionary<string, IReadOnlyDictionary<IncidentType, int>> findings,
        IReadOnlyDictionary<IndicatorType, IReadOnlyDictionary<IncidentType, int>> indicators,
        IReadOnlySet<string> neutral,
        IReadOnlySet<string> familyCodes)
    {
        Symptoms = symptoms;
        Findings = findings;
        Indicators = indicators;
        Neutral = neutral;
        FamilyCodes = familyCodes;
    }

    public static ClassificationRules Default { get; } = Load();

    public IReadOnlyDictionary<SymptomKind, IReadOnlyDictionary<IncidentType, int>> Symptoms { get; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<IncidentType, int>> Findings { get; }

    public IReadOnlyDictionary<IndicatorType, IReadOnlyDictionary<IncidentType, int>> Indicators { get; }

    /// <summary>Finding codes considered and deliberately weighted for no type.</summary>
    public IReadOnlySet<string> Neutral { get; }

    /// <summary>Finding codes whose <c>name</c> argument names a malware family (XMRig, LockBit …).</summary>
    public IReadOnlySet<string> FamilyCodes { get; }

    /// <summary>The raw file, for the documentation page.</summary>
    public static string Json()
    {
        using var stream = typeof(ClassificationRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses a rules file; unknown types, symptoms or indicator types and non-positive weights are errors.</summary>
    public static ClassificationRules Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ClassificationRules(
            Section(root, "symptoms", key => Enum.TryParse<SymptomKind>(key, false, out var s) && Enum.IsDefined(s) ? s : throw Bad($"unknown symptom {key}")),
            Section(root, "findings", key => key, StringComparer.Ordinal),
            Section(root, "indicators", key => Enum.TryParse<IndicatorType>(key, false, out var t) && Enum.IsDefined(t) ? t : throw Bad($"unknown indicator type {key}")),
            root.GetProperty("neutral").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal),
            root.GetProperty("families").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal));
    }

    private static ClassificationRules Load() => Parse(Json());

    private static Dictionary<TKey, IReadOnlyDictionary<IncidentType, int>> Section<TKey>(JsonElement root, string name, Func<string, TKey> key, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull
    {
        var section = new Dictionary<TKey, IReadOnlyDictionary<IncidentType, int>>(comparer);
        foreach (var entry in root.GetProperty(name).EnumerateObject())
        {
            var weights = new Dictionary<IncidentType, int>();
            foreach (var weight in entry.Value.EnumerateObject())
            {
                var type = IncidentTaxonomy.FromKey(weight.Name) ?? throw Bad($"{name}.{entry.Name}: unknown incident type {weight.Name}");
                var points = weight.Value.GetInt32();
                weights[type] = points > 0 ? points : throw Bad($"{name}.{entry.Name}.{weight.Name}: a weight is a positive number of points");
            }

            section[key(entry.Name)] = weights;
        }

        return section;
    }

    private static InvalidDataException Bad(string message) => new($"ClassificationRules.json: {message}");
}
