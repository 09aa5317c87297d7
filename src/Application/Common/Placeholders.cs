using System.Text;

namespace CaseManager.Application.Common;

/// <summary>
/// Fills the <c>{name}</c> placeholders of a translated template (finding titles, indicator contexts, custody details):
/// each name is asked of the value function; a name it does not know reads "—", so a template that asks for more
/// than the text gave never shows a raw placeholder.
/// </summary>
public static class Placeholders
{
    public static string Fill(string template, Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(value);
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

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

            text.Append(template, i, open - i).Append(value(template[(open + 1)..close]) ?? "—");
            i = close + 1;
        }

        return text.ToString();
    }
}
