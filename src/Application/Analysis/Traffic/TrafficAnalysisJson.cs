using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>The stable JSON form of <see cref="TrafficAnalysisResult"/>: camelCase names, enums as camelCase strings.</summary>
public static class TrafficAnalysisJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(TrafficAnalysisResult result) => JsonSerializer.Serialize(result, Options);
}
