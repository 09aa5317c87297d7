using System.Globalization;
using System.Resources;
using CaseManager.Application.Common;

namespace CaseManager.Application.Analysis;

/// <summary>
/// Renders coded findings, warnings and table labels in the reader's language from an analyser catalogue's
/// resources. Templates name arguments in braces (<c>{domain}</c>); a list argument reads "a, b, c and 436 more";
/// offsets are hex, times UTC to the millisecond, counts grouped.
/// </summary>
public static class FindingText
{
    private static readonly ResourceManager Common = new("CaseManager.Application.Analysis.AnalysisText", typeof(FindingText).Assembly);

    public static string Title(AnalysisFinding finding, IFindingCatalogue catalogue, CultureInfo culture) =>
        Fill(Lookup(catalogue.Text, finding.Code + ".title", culture) ?? finding.Code, finding.Arguments, culture);

    public static string Explanation(AnalysisFinding finding, IFindingCatalogue catalogue, CultureInfo culture) =>
        Fill(Lookup(catalogue.Text, finding.Code + ".explanation", culture) ?? string.Empty, finding.Arguments, culture);

    public static string Warning(AnalysisWarning warning, IFindingCatalogue catalogue, CultureInfo culture) =>
        Fill(Lookup(catalogue.Text, "warning." + warning.Code, culture) ?? warning.Code, warning.Arguments, culture);

    /// <summary>A table or column label (<c>table.{t}</c>, <c>column.{t}.{c}</c>); the key itself when missing.</summary>
    public static string Label(IFindingCatalogue catalogue, string key, CultureInfo culture) =>
        Lookup(catalogue.Text, key, culture) ?? key;

    /// <summary>The catalogue's text for a key in that culture exactly (no fallback), for completeness checks.</summary>
    public static string? Exact(ResourceManager resources, string key, CultureInfo culture)
    {
        try
        {
            return resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }

    public static string Fill(string template, IReadOnlyList<FindingArgument> arguments, CultureInfo culture) =>
        Placeholders.Fill(template, name => arguments.FirstOrDefault(a => a.Name == name) is { } argument ? Render(argument, culture) : null);

    public static string Render(FindingArgument argument, CultureInfo culture)
    {
        var values = string.Join(Separator(culture), argument.Values.Select(v => Format(argument.Type, v, culture)));
        var more = argument.Total - argument.Values.Count;
        return more > 0
            ? string.Format(culture, Common.GetString("more", culture) ?? "{0} and {1} more", values, more.ToString("N0", culture))
            : values;
    }

    public static string Format(ArgumentType type, string value, CultureInfo culture) => type switch
    {
        ArgumentType.Count or ArgumentType.Pid when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) =>
            type == ArgumentType.Count ? n.ToString("N0", culture) : n.ToString(CultureInfo.InvariantCulture),
        ArgumentType.Bytes when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) => Bytes(b, culture),
        ArgumentType.Offset when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) => "0x" + o.ToString("x", CultureInfo.InvariantCulture),
        ArgumentType.Time when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ns) => Time(ns),
        _ => value,
    };

    /// <summary>UTC to the millisecond, as every result page shows times.</summary>
    public static string Time(long unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNanoseconds / 100).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";

    public static string Bytes(long bytes, CultureInfo culture) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", culture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", culture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", culture) + " KiB",
        _ => bytes.ToString("N0", culture) + " B",
    };

    private static string Separator(CultureInfo culture) => Common.GetString("separator", culture) ?? ", ";

    /// <summary>The resource text of a key in that culture (falling back to English), or null when there is none.</summary>
    public static string? Lookup(ResourceManager resources, string key, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(resources);
        try
        {
            return resources.GetString(key, culture);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }
}
