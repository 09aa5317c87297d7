using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManager.Application.Analysis;

/// <summary>How coded findings' arguments, references and warnings are kept in the case database (compact JSON).</summary>
public static class FindingJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Arguments(IReadOnlyList<FindingArgument> arguments) => JsonSerializer.Serialize(arguments, Options);

    public static IReadOnlyList<FindingArgument> Arguments(string json) =>
        JsonSerializer.Deserialize<List<FindingArgument>>(json, Options) ?? [];

    public static string? Reference(EvidenceReference? reference) => reference is null ? null : JsonSerializer.Serialize(reference, Options);

    public static EvidenceReference? Reference(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<EvidenceReference>(json, Options);

    public static string Warning(AnalysisWarning warning) => JsonSerializer.Serialize(warning, Options);

    /// <summary>A stored warning line: a coded warning, or null for a plain-text line (written before warnings were coded).</summary>
    public static AnalysisWarning? Warning(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AnalysisWarning>(line, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
