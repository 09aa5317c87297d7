using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>Finds analysers and finding definitions: the job, the CLI and the views all ask here.</summary>
public interface IAnalyserRegistry
{
    IReadOnlyList<IEvidenceAnalyser> All { get; }

    /// <summary>The analyser for a kind, or null when there is none (yet).</summary>
    IEvidenceAnalyser? For(EvidenceKind kind);

    IEvidenceAnalyser? ByName(string name);

    /// <summary>The definition of a finding code with the catalogue it belongs to, or null for an unknown code.</summary>
    (FindingDefinition Definition, IFindingCatalogue Catalogue)? Finding(string code);
}
