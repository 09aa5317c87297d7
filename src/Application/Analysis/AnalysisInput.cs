using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>What an analyser is given: the evidence content (read it once, front to back), its name and detected kind.</summary>
/// <param name="Content">The evidence, read once from front to back.</param>
/// <param name="FileName">The uploaded file's name, when known.</param>
/// <param name="Kind">The detected evidence kind.</param>
/// <param name="Progress">Receives the fraction read (0 to 1).</param>
/// <param name="Document">
/// False when the caller never writes <see cref="AnalysisOutcome.Result"/> as the JSON document (the analysis job: the run's
/// tables hold the rows). An analyser may then leave the large record lists out of the result and skip building them;
/// findings, indicators, warnings, events and the tables are the same either way.
/// </param>
public sealed record AnalysisInput(Stream Content, string? FileName, EvidenceKind Kind, IProgress<double>? Progress = null, bool Document = true);
