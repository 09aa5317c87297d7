using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>Enum values as camelCase strings (<c>medium</c>, <c>ip</c>), usable from source-generated contexts.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
