using System.Resources;
using CaseManager.Application.Analysis;
using CaseManager.Application.Yara;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Yara;

/// <summary>The YARA scan's finding and warnings; texts in <c>YaraText.resx</c> (English) and <c>YaraText.zh-CN.resx</c>.</summary>
public sealed class YaraFindingCatalogue : IFindingCatalogue
{
    public static readonly YaraFindingCatalogue Instance = new();

    private static readonly ResourceManager Resources = new("CaseManager.Infrastructure.Analysis.Yara.YaraText", typeof(YaraFindingCatalogue).Assembly);

    public IReadOnlyList<FindingDefinition> Findings { get; } =
    [
        new(YaraCodes.Match, FindingSeverity.High, null, ["rule", "ruleset", "tags", "meta", "offsets", "matches", "excerpt", "file"],
            "An enabled YARA rule (global or the case's) matched a dump, core, sample or a file inside a triage bundle; one finding per rule and file. "
            + "Severity from the rule's meta `severity` (default High), ATT&CK from meta `mitre_attack`."),
    ];

    public IReadOnlyList<string> Warnings { get; } =
    [
        YaraCodes.WarnTimeout, YaraCodes.WarnMatchesCapped, YaraCodes.WarnFailed, YaraCodes.WarnUnavailable, YaraCodes.WarnRulesBroken,
        YaraCodes.WarnMembersSkipped,
    ];

    public ResourceManager Text => Resources;
}
