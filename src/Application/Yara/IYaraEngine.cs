using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Yara;

/// <summary>
/// The YARA engine: compiles rule sets (to refuse broken ones with the compiler's message and line) and scans evidence
/// with them. Implemented over the <c>yara</c> program (ADR-005); everything it cannot do becomes a coded warning,
/// never an exception, so a scan never fails an evidence item's analysis.
/// </summary>
public interface IYaraEngine
{
    /// <summary>Compiles the sources together (each in a namespace of its own); no errors means they can be saved.</summary>
    Task<YaraCompilation> CompileAsync(IReadOnlyList<YaraRuleSource> sources, CancellationToken cancellationToken);

    /// <summary>
    /// Scans evidence content of the given kind with the rule sets: dumps, cores and samples as one file, triage
    /// bundles member by member. Matches become <c>yara.match</c> findings.
    /// </summary>
    Task<YaraEvidenceScan> ScanEvidenceAsync(IReadOnlyList<YaraRuleSource> sources, Stream content, EvidenceKind kind, CancellationToken cancellationToken);

    /// <summary>Whether evidence of this kind is scanned with YARA rules as part of its analysis.</summary>
    bool Scans(EvidenceKind kind);
}

/// <summary>A rule set's source under its display name, and the version scanned with.</summary>
public sealed record YaraRuleSource(string Name, string Source, int Version = 1);

/// <summary>A compiler error or warning: which rule set, the line in its source (null when the compiler gives none), the message.</summary>
public sealed record YaraDiagnostic(string RuleSet, int? Line, string Message);

public sealed record YaraCompilation(IReadOnlyList<YaraDiagnostic> Errors, IReadOnlyList<YaraDiagnostic> Warnings)
{
    public bool Succeeded => Errors.Count == 0;
}

public sealed record YaraEvidenceScan(IReadOnlyList<AnalysisFinding> Findings, IReadOnlyList<AnalysisWarning> Warnings);
