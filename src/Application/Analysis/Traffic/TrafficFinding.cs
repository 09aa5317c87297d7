using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// A finding in the CLI's JSON: the coded <see cref="AnalysisFinding"/> (code, typed arguments, evidence reference,
/// ATT&amp;CK id) with its title and detail rendered in English, as before codes existed.
/// </summary>
public sealed record TrafficFinding(
    FindingSeverity Severity,
    string Title,
    string Detail,
    string Code,
    IReadOnlyList<FindingArgument> Arguments,
    EvidenceReference? Reference,
    string? Attack);
