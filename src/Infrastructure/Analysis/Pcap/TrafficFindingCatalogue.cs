using System.Resources;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Every finding and warning code of the traffic analyser (from its modules), with its texts in <c>TrafficText.resx</c>.</summary>
public sealed class TrafficFindingCatalogue : IFindingCatalogue
{
    public static readonly TrafficFindingCatalogue Instance = new();

    public IReadOnlyList<FindingDefinition> Findings => TrafficProtocols.Findings;

    public IReadOnlyList<string> Warnings => TrafficWarnings.All;

    public ResourceManager Text => TrafficText.Resources;

    /// <summary>The tables a traffic run writes (labels <c>table.{name}</c>, <c>column.{table}.{column}</c>).</summary>
    public static IReadOnlyList<ResultTableSchema> Tables => TrafficProtocols.Tables;
}
