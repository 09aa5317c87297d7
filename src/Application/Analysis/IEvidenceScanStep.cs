namespace CaseManager.Application.Analysis;

/// <summary>
/// A scan the analysis job runs over evidence after the kind's <see cref="IEvidenceAnalyser"/> (YARA rules), whose
/// findings join the run's. It claims no evidence kind; the registry knows its catalogue so its coded findings and
/// warnings render like any analyser's (warnings by their code's prefix, e.g. <c>yara.timeout</c>).
/// </summary>
public interface IEvidenceScanStep
{
    /// <summary>Stable lower-case name, also the prefix of its codes (<c>yara</c>).</summary>
    string Name { get; }

    IFindingCatalogue Catalogue { get; }
}
