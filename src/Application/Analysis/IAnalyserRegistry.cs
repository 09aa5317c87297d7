using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>Finds analysers and finding definitions: the job, the CLI and the views all ask here.</summary>
public interface IAnalyserRegistry
{
    IReadOnlyList<IEvidenceAnalyser> All { get; }

    /// <summary>The scanning steps the job runs after the analyser (YARA); their catalogues render like analysers'.</summary>
    IReadOnlyList<IEvidenceScanStep> Steps => [];

    /// <summary>The catalogue of an analyser or scanning step by name, or null.</summary>
    IFindingCatalogue? CatalogueOf(string name) => ByName(name)?.Catalogue ?? Steps.FirstOrDefault(s => s.Name == name)?.Catalogue;

    /// <summary>The analyser for a kind, or null when there is none (yet).</summary>
    IEvidenceAnalyser? For(EvidenceKind kind);

    IEvidenceAnalyser? ByName(string name);

    /// <summary>The definition of a finding code with the catalogue it belongs to, or null for an unknown code.</summary>
    (FindingDefinition Definition, IFindingCatalogue Catalogue)? Finding(string code);
}
