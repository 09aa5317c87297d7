namespace CaseManager.Application.Analysis;

/// <summary>
/// What an analyser hands back once its tables are written: the findings, indicators, warnings and timeline events
/// that go into the case database, and <see cref="Result"/>, its own result document (the CLI's JSON).
/// </summary>
public sealed record AnalysisOutcome(
    IReadOnlyList<AnalysisFinding> Findings,
    IReadOnlyList<AnalysisIndicator> Indicators,
    IReadOnlyList<AnalysisWarning> Warnings,
    IReadOnlyList<AnalysisEvent> Events,
    object Result);
