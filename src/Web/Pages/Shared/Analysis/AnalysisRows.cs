using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Web.Pages.Shared.Analysis;

/// <summary>A finding as the findings partial shows it, with the link to the result rows behind it.</summary>
public sealed record FindingRow(FindingView Finding, Guid EvidenceId, string EvidenceName, string? RowsUrl);

public sealed record IndicatorRow(IndicatorType Type, string Value, IndicatorRelevance Relevance, string? Extra);

/// <summary>Indicators split into what matters and the ordinary context (folded away).</summary>
public sealed record IndicatorList(string Id, string ExtraHeader, IReadOnlyList<IndicatorRow> Relevant, int RelevantTotal, IReadOnlyList<IndicatorRow> Context, int ContextTotal);

/// <summary>
/// Where each analyser's results are shown: the page for its name, found by the registry name the run stored.
/// A finding's <see cref="EvidenceReference"/> opens that page on its table, filtered to its rows.
/// </summary>
public static class AnalysisViews
{
    /// <summary>The results page of each analyser, and the prefix of its result-table parameters there.</summary>
    private static readonly Dictionary<string, (string Page, string Prefix)> Pages = new(StringComparer.Ordinal)
    {
        ["traffic"] = ("/Cases/Evidence/Traffic", string.Empty),
        ["memory"] = ("/Cases/Evidence/Memory", "t"),
        ["triage"] = ("/Cases/Evidence/Triage", string.Empty),
    };

    public static string? PageFor(string? analyser) => analyser is not null && Pages.TryGetValue(analyser, out var page) ? page.Page : null;

    public static string? RowsUrl(string? analyser, Guid evidenceId, EvidenceReference? reference)
    {
        if (analyser is null || !Pages.TryGetValue(analyser, out var view) || reference?.Table is not { } table)
        {
            return null;
        }

        var url = $"{view.Page}/{evidenceId}?{view.Prefix}table={Uri.EscapeDataString(table)}";
        return reference.Filter is { Length: > 0 } filter ? $"{url}&{view.Prefix}q={Uri.EscapeDataString(filter)}" : url;
    }
}
