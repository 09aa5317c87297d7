using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>A conclusion drawn by an analyser, with the evidence behind it in <paramref name="Detail"/>.</summary>
/// <remarks>Being replaced by the coded <see cref="AnalysisFinding"/>; no new code uses it.</remarks>
public sealed record LegacyFinding(FindingSeverity Severity, string Title, string Detail);
