using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CaseManager.Application.Yara;

namespace CaseManager.Infrastructure.Analysis.Yara;

/// <summary>A rule that matched one file: its rule set, name, tags, meta and the first matched strings (all counted).</summary>
public sealed class YaraRuleMatch(int ruleSet, string rule, IReadOnlyList<string> tags, IReadOnlyList<KeyValuePair<string, string>> meta, string file)
{
    public int RuleSet { get; } = ruleSet;

    public string Rule { get; } = rule;

    public IReadOnlyList<string> Tags { get; } = tags;

    public IReadOnlyList<KeyValuePair<string, string>> Meta { get; } = meta;

    public string File { get; } = file;

    public List<YaraStringMatch> Strings { get; } = [];

    /// <summary>Every matched string the program reported, also those not kept.</summary>
    public long TotalStrings { get; set; }

    public string? MetaValue(string key) => Meta.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>One matched string: its offset in the file, length, identifier and the program's excerpt of the data.</summary>
public sealed record YaraStringMatch(long Offset, int Length, string Identifier, string Data);

/// <summary>
/// Reads the <c>yara</c> program's output. Scans run with <c>-s -L -m -g -e -w</c>: a rule line
/// <c>rs0:NAME [tag,…] [key="value",…] FILE</c> followed by its strings <c>0xOFFSET:LENGTH:$id: data</c>. Compiler
/// messages come as <c>error: rule "x" in FILE(LINE): …</c>, <c>error: FILE(LINE): …</c> or <c>FILE(LINE): error: …</c>.
/// </summary>
internal static partial class YaraOutput
{
    public const string NamespacePrefix = "rs";

    /// <summary>Parses a rule line; null when the line is not one (e.g. a string line).</summary>
    public static YaraRuleMatch? RuleLine(string line)
    {
        if (!line.StartsWith(NamespacePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (colon < 0 || space < colon || !int.TryParse(line.AsSpan(NamespacePrefix.Length, colon - NamespacePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var set))
        {
            return null;
        }

        var rule = line[(colon + 1)..space];
        var i = space + 1;
        var tags = Bracket(line, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var meta = Meta(Bracket(line, ref i));
        return new YaraRuleMatch(set, rule, tags, meta, i < line.Length ? line[i..] : string.Empty);
    }

    /// <summary>Parses a matched-string line (<c>0x1f:14:$a: data</c>); null when the line is not one.</summary>
    public static YaraStringMatch? StringLine(string line)
    {
        if (!line.StartsWith("0x", StringComparison.Ordinal))
        {
            return null;
        }

        var first = line.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
        var third = second < 0 ? -1 : line.IndexOf(": ", second + 1, StringComparison.Ordinal);
        if (third < 0
            || !long.TryParse(line.AsSpan(2, first - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var offset)
            || !int.TryParse(line.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return null;
        }

        return new YaraStringMatch(offset, length, line[(second + 1)..third], line[(third + 2)..]);
    }

    /// <summary>A compiler error or warning line as a diagnostic; <paramref name="files"/> maps rule file paths to rule-set names.</summary>
    public static YaraDiagnostic? Diagnostic(string line, IReadOnlyDictionary<string, string> files, out bool isError)
    {
        isError = false;
        var match = DiagnosticPattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        isError = match.Groups["level1"].Value == "error" || match.Groups["level2"].Value == "error";
        var file = match.Groups["file"].Value;
        var name = files.TryGetValue(file, out var known) ? known : System.IO.Path.GetFileName(file);
        var rule = match.Groups["rule"].Success ? $"rule \"{match.Groups["rule"].Value}\": " : string.Empty;
        return new YaraDiagnostic(name, int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture), rule + match.Groups["message"].Value);
    }

    private static string Bracket(string line, ref int i)
    {
        if (i >= line.Length || line[i] != '[')
        {
            return string.Empty;
        }

        var start = i + 1;
        var quoted = false;
        for (var j = start; j < line.Length; j++)
        {
            var c = line[j];
            if (quoted && c == '\\')
            {
                j++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ']')
            {
                i = Math.Min(j + 2, line.Length);
                return line[start..j];
            }
        }

        i = line.Length;
        return line[start..];
    }

    private static List<KeyValuePair<string, string>> Meta(string text)
    {
        List<KeyValuePair<string, string>> meta = [];
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var key = text[i..equals].Trim();
            var value = new StringBuilder();
            var j = equals + 1;
            if (j < text.Length && text[j] == '"')
            {
                for (j++; j < text.Length && text[j] != '"'; j++)
                {
                    if (text[j] == '\\' && j + 1 < text.Length)
                    {
                        j++;
                    }

                    value.Append(text[j]);
                }

                j++;
            }
            else
            {
                for (; j < text.Length && text[j] != ','; j++)
                {
                    value.Append(text[j]);
                }
            }

            meta.Add(new(key, value.ToString()));
            i = j < text.Length && text[j] == ',' ? j + 1 : j;
        }

        return meta;
    }

    [GeneratedRegex("""^(?:(?<level1>error|warning): )?(?:rule "(?<rule>[^"]*)" in )?(?<file>.+?)\((?<line>\d+)\): (?:(?<level2>error|warning): )?(?<message>.*)$""")]
    private static partial Regex DiagnosticPattern();
}
