using System.Text.RegularExpressions;

namespace CaseManager.Application.Yara;

/// <summary>Checks on rule text before it reaches the compiler.</summary>
public static partial class YaraRuleText
{
    /// <summary>How many rules a source declares (<c>rule NAME</c>, also private/global ones).</summary>
    public static int CountRules(string source) => RuleDeclaration().Count(source);

    /// <summary>
    /// Null for text a YARA compiler can read; else why not (binary content: NUL or other control bytes), so a binary
    /// uploaded by mistake is refused with a clear message rather than the compiler's "non-ascii character".
    /// </summary>
    public static string? NotText(string source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\uFFFD' || (char.IsControl(c) && c is not '\n' and not '\r' and not '\t' and not '\f'))
            {
                var line = 1 + source.AsSpan(0, i).Count('\n');
                return $"line {line}: this is not a text rule file (binary byte 0x{(int)c:X2} at character {i + 1})";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:(?:private|global)\s+)*rule\s+[A-Za-z_][A-Za-z0-9_]*", RegexOptions.Multiline)]
    private static partial Regex RuleDeclaration();
}
