using System.Globalization;
using System.Resources;
using System.Text;
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
        Fill(Resources.GetString(finding.Code + ".title", culture) ?? finding.Code, finding.Arguments, culture);

    public static string Explanation(AnalysisFinding finding, CultureInfo culture) =>
        Fill(Resources.GetString(finding.Code + ".explanation", culture) ?? string.Empty, finding.Arguments, culture);

    public static string Warning(AnalysisWarning warning, CultureInfo culture) =>
        Fill(Resources.GetString("warning." + warning.Code, culture) ?? warning.Code, warning.Arguments, culture);

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
            summary.LastSeen, summary.LinkTypes, summary.IpFragments, report.Conversations, report.Hosts, report.Dns, report.Http, report.Tls,
            report.Irc, report.Stratum, findings, report.Indicators.Items, warnings);
    }

    /// <summary>
    /// Fills <c>{name}</c> placeholders: a list argument reads "a, b, c and 436 more", times are UTC. (The platform's
    /// <c>FindingText</c> does the same for the web pages.)
    /// </summary>
    public static string Fill(string template, IReadOnlyList<FindingArgument> arguments, CultureInfo culture)
    {
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }

            text.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            var argument = arguments.FirstOrDefault(a => a.Name == name);
            text.Append(argument is null ? "-" : Render(argument, culture));
            i = close + 1;
        }

        return text.ToString();
    }

    public static string Render(FindingArgument argument, CultureInfo culture)
    {
        if (argument.Values.Count == 0)
        {
            return Resources.GetString("none", culture) ?? "none";
        }

        var values = string.Join(Resources.GetString("separator", culture) ?? ", ", argument.Values.Select(v => Format(argument.Type, v)));
        var more = argument.Total - argument.Values.Count;
        return more > 0
            ? string.Format(culture, Resources.GetString("more", culture) ?? "{0} and {1} more", values, more)
            : values;
    }

    private static string Format(ArgumentType type, string value) =>
        type == ArgumentType.Time && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ns)
            ? new CaptureTimestamp(Math.DivRem(ns, 1_000_000_000L, out var rest), (int)rest).ToString()
            : value;
}
