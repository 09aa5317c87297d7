using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>What an analyser is given: the evidence content (read it once, front to back), its name and detected kind.</summary>
public sealed record AnalysisInput(Stream Content, string? FileName, EvidenceKind Kind, IProgress<double>? Progress = null);
