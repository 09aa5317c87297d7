using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>A conclusion drawn by an analyser, with the evidence behind it in <paramref name="Detail"/>.</summary>
public sealed record AnalysisFinding(FindingSeverity Severity, string Title, string Detail);
