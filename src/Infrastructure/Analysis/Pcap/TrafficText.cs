using System.Globalization;
using System.Resources;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The traffic analyser's texts (<c>TrafficText.resx</c>, <c>TrafficText.zh-CN.resx</c>): finding titles and
/// explanations, warnings, table and column labels. Renders the English title and detail the CLI's JSON carries.
/// </summary>
public static class TrafficText
{
    public static ResourceManager Resources { get; } = new("CaseManager.Infrastructure.Analysis.Pcap.TrafficText", typeof(TrafficText).Assembly);

    public static string Title(AnalysisFinding finding, CultureInfo culture) =>
        FindingText.Title(finding, TrafficFindingCatalogue.Instance, culture);

    public static string Explanation(AnalysisFinding finding, CultureInfo culture) =>
        FindingText.Explanation(finding, TrafficFindingCatalogue.Instance, culture);

    public static string Warning(AnalysisWarning warning, CultureInfo culture) =>
        FindingText.Warning(warning, TrafficFindingCatalogue.Instance, culture);

    /// <summary>The result document of a pass, with English texts for findings and warnings.</summary>
    internal static TrafficAnalysisResult Result(TrafficRun run)
    {
        var english = CultureInfo.InvariantCulture;
        var report = run.Report;
        var summary = run.Summary;
        var warnings = report.Warnings.Select(w => new TrafficWarning(w.Code, Warning(w, english), w.Arguments)).ToList();
        var findings = report.Findings
            .Select(f => new TrafficFinding(f.Severity, Title(f, english), Explanation(f, english), f.Code, f.Arguments, f.Reference, f.Attack))
            .ToList();
        return new TrafficAnalysisResult(summary.Kind, [.. warnings.Select(w => w.Text)], summary.Packets, summary.Bytes, summary.FirstSeen,
            summary.LastSeen, summary.LinkTypes, summary.IpFragments, List(report.Conversations), report.Hosts, List(report.Dns), List(report.Http),
            List(report.Tls), report.Irc, List(report.Stratum), findings, report.Indicators.Items, warnings);
    }

    private static IReadOnlyList<T> List<T>(IReadOnlyList<T> records) => records is RecordSpool<T> spool ? spool.AsList() : records;
}
