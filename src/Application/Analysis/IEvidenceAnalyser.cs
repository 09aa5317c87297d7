using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>
/// The one plug-in point for analysers. An analyser declares the evidence kinds it handles, its name (stable, stored
/// with each run, and the key views use) and version, and streams its tables into the sink while it reads the input.
/// Adding an analyser is one class implementing this plus its registration (<c>AddAnalyser&lt;T&gt;()</c>).
/// </summary>
public interface IEvidenceAnalyser
{
    /// <summary>Stable lower-case name: <c>traffic</c>, <c>memory</c>, <c>triage</c> …</summary>
    string Name { get; }

    string Version { get; }

    IReadOnlyCollection<EvidenceKind> Kinds { get; }

    IFindingCatalogue Catalogue { get; }

    /// <summary>
    /// Reads the input to its end. Damage yields a partial outcome with warnings; only input that is not of a handled
    /// format at all throws (<see cref="UnsupportedEvidenceException"/>).
    /// </summary>
    Task<AnalysisOutcome> AnalyseAsync(AnalysisInput input, IResultSink sink, CancellationToken cancellationToken);

    /// <summary>Writes <see cref="AnalysisOutcome.Result"/> as the JSON documented in <c>docs/analysis-json.md</c>.</summary>
    Task WriteJsonAsync(AnalysisOutcome outcome, Stream output, CancellationToken cancellationToken);

    /// <summary>Writes a short human-readable report of the outcome (the CLI without <c>--json</c>).</summary>
    Task WriteTextAsync(AnalysisOutcome outcome, TextWriter output, CancellationToken cancellationToken);
}
