using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// Renders memory findings and warnings from <c>MemoryText.resx</c> for the CLI (English): <c>{argument}</c>
/// placeholders filled, lists as "a, b, c and 12 more", offsets in hex, times in UTC.
/// </summary>
internal static class MemoryText
{
    public static string Title(AnalysisFinding finding, CultureInfo culture) =>
        Fill(Template(finding.Code + ".title", culture) ?? finding.Code, finding.Arguments, culture);

    public static string Explanation(AnalysisFinding finding, CultureInfo culture) =>
        Fill(Template(finding.Code + ".explanation", culture) ?? string.Empty, finding.Arguments, culture);

    public static string Warning(AnalysisWarning warning, CultureInfo culture) =>
        Fill(Template("warning." + warning.Code, culture) ?? warning.Code, warning.Arguments, culture);

    private static string? Template(string key, CultureInfo culture) => MemoryFindingCatalogue.Instance.Text.GetString(key, culture);

    private static string Fill(string template, IReadOnlyList<FindingArgument> arguments, CultureInfo culture)
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
            var name = template[(open + 1)..close];
            var argument = arguments.FirstOrDefault(a => a.Name == name);
            text.Append(argument is null ? "—" : Render(argument));
            i = close + 1;
        }

        return text.ToString();
    }

    private static string Render(FindingArgument argument)
    {
        var values = string.Join(", ", argument.Values.Select(v => Format(argument.Type, v)));
        var more = argument.Total - argument.Values.Count;
        return more > 0 ? string.Create(CultureInfo.InvariantCulture, $"{values} and {more} more") : values;
    }

    private static string Format(ArgumentType type, string value) => type switch
    {
        ArgumentType.Offset when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) =>
            "0x" + offset.ToString("x", CultureInfo.InvariantCulture),
        ArgumentType.Time when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ns) =>
            DateTimeOffset.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
        ArgumentType.Bytes when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) =>
            bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        _ => value,
    };
}
