using System.Text.Json.Serialization;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>Source-generated serialisation metadata for <see cref="TrafficAnalysisResult"/> (no reflection at run time).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TrafficAnalysisResult))]
internal sealed partial class TrafficAnalysisJsonContext : JsonSerializerContext;
