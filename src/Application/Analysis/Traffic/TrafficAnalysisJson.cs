using System.Text.Json;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// The stable JSON form of <see cref="TrafficAnalysisResult"/>: camelCase names, enums as camelCase strings,
/// compact (large captures give large lists). Uses the source-generated <see cref="TrafficAnalysisJsonContext"/>.
/// </summary>
public static class TrafficAnalysisJson
{
    public static JsonSerializerOptions Options => TrafficAnalysisJsonContext.Default.Options;

    public static string Serialize(TrafficAnalysisResult result) =>
        JsonSerializer.Serialize(result, TrafficAnalysisJsonContext.Default.TrafficAnalysisResult);

    /// <summary>Reads a result written by <see cref="Serialize(Stream, TrafficAnalysisResult)"/>.</summary>
    public static TrafficAnalysisResult? Deserialize(Stream input) =>
        JsonSerializer.Deserialize(input, TrafficAnalysisJsonContext.Default.TrafficAnalysisResult);

    /// <summary>Writes UTF-8 JSON to <paramref name="output"/> (synchronously: the generated fast path is sync-only).</summary>
    public static void Serialize(Stream output, TrafficAnalysisResult result) =>
        JsonSerializer.Serialize(output, result, TrafficAnalysisJsonContext.Default.TrafficAnalysisResult);
}
