using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Collects indicators once each (by type and value), keeping the first context.</summary>
internal sealed class IndicatorSet
{
    private readonly HashSet<(IndicatorType, string)> _seen = [];

    public List<AnalysisIndicator> Items { get; } = [];

    public void Add(IndicatorType type, string value, string context)
    {
        if (Items.Count < 10_000 && _seen.Add((type, value)))
        {
            Items.Add(new AnalysisIndicator(type, value, context));
        }
    }
}
