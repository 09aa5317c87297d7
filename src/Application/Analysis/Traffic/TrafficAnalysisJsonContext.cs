using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// Source-generated serialisation for <see cref="TrafficAnalysisResult"/>: no reflection at run time and the
/// generated fast path, which matters for captures with hundreds of thousands of records.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    Converters = [typeof(CamelCaseEnumConverter<FindingSeverity>), typeof(CamelCaseEnumConverter<IndicatorType>), typeof(CamelCaseEnumConverter<ArgumentType>)])]
[JsonSerializable(typeof(TrafficAnalysisResult))]
internal sealed partial class TrafficAnalysisJsonContext : JsonSerializerContext;
