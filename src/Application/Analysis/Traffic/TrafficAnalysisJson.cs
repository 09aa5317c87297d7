using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// The stable JSON form of <see cref="TrafficAnalysisResult"/>: camelCase names, enums as camelCase strings,
/// compact (large captures give large lists). Uses the source-generated <see cref="TrafficAnalysisJsonContext"/>.
/// </summary>
public static class TrafficAnalysisJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = TrafficAnalysisJsonContext.Default,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(TrafficAnalysisResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Writes UTF-8 JSON straight to <paramref name="output"/> without building the whole text in memory.</summary>
    public static Task SerializeAsync(Stream output, TrafficAnalysisResult result, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, result, Options, cancellationToken);
}
