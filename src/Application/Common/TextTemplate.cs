using System.Text.RegularExpressions;

namespace CaseManager.Application.Common;

/// <summary>
/// One English text the analysers or the domain write (an indicator context, a custody detail), as a pattern anchored at
/// both ends whose named groups are the values, and the resource key of its translation.
/// </summary>
public sealed record TextTemplate(string Key, Regex Pattern)
{
    public TextTemplate(string key, string pattern)
        : this(key, new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Singleline, TimeSpan.FromSeconds(1)))
    {
    }

    /// <summary>The first of <paramref name="templates"/> matching the whole text, with its values by group name, or null.</summary>
    public static (string Key, IReadOnlyDictionary<string, string> Values)? Find(IEnumerable<TextTemplate> templates, string text)
    {
        ArgumentNullException.ThrowIfNull(templates);
        foreach (var template in templates)
        {
            var match = template.Pattern.Match(text);
            if (match.Success)
            {
                var values = template.Pattern.GetGroupNames().Where(g => !char.IsDigit(g[0]) && match.Groups[g].Success)
                    .ToDictionary(g => g, g => match.Groups[g].Value, StringComparer.Ordinal);
                return (template.Key, values);
            }
        }

        return null;
    }
}
