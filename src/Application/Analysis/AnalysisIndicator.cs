using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>An indicator of compromise found in evidence; <paramref name="Context"/> says where (offset, stream, frame).</summary>
public sealed record AnalysisIndicator(IndicatorType Type, string Value, string? Context = null);
