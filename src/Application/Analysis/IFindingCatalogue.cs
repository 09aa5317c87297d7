using System.Resources;

namespace CaseManager.Application.Analysis;

/// <summary>
/// The finding codes one analyser can produce, and the resources that hold their English and Chinese texts
/// (<c>{code}.title</c>, <c>{code}.explanation</c>, <c>warning.{code}</c>, <c>table.{table}</c>, <c>column.{table}.{column}</c>).
/// </summary>
public interface IFindingCatalogue
{
    IReadOnlyList<FindingDefinition> Findings { get; }

    /// <summary>Codes of the warnings the analyser can give.</summary>
    IReadOnlyList<string> Warnings { get; }

    ResourceManager Text { get; }
}
