using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Yara;

/// <summary>The YARA scan as the registry sees it: a scanning step named <c>yara</c> with its catalogue (ADR-005).</summary>
public sealed class YaraScanStep : IEvidenceScanStep
{
    public string Name => "yara";

    public IFindingCatalogue Catalogue => YaraFindingCatalogue.Instance;
}
