using System.Globalization;
using System.Resources;
using CaseManager.Application.Common;
using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Evidence;

/// <summary>
/// Renders a custody entry's details (stored in English as <see cref="EvidenceItem"/> wrote them; they are part of the
/// hash chain, so the stored text never changes) in the reader's language. As <see cref="Analysis.IndicatorContextText"/>:
/// each template the domain writes is an anchored pattern mapped to a resource (<c>CustodyDetailText.resx</c>) whose
/// placeholders name the pattern's groups; values are kept as written. What a person typed (the "received from" note, a
/// download reason, a failure message) stays as written; only the words around it are translated. Anything not
/// recognised is returned unchanged. A test drives the real domain methods and fails on a detail no template recognises.
/// </summary>
public static class CustodyDetailText
{
    private static readonly ResourceManager Text = new("CaseManager.Application.Evidence.CustodyDetailText", typeof(CustodyDetailText).Assembly);

    private static readonly string Kinds = string.Join('|', Enum.GetNames<EvidenceKind>());

    /// <summary>The templates of each action's details. A download's details are the reason as typed: no template.</summary>
    private static readonly Dictionary<CustodyAction, TextTemplate[]> Whole = new()
    {
        [CustodyAction.Received] = [new("received", @"from (?<from>.*); (?<size>\d+) bytes; sha256 (?<sha256>\S+); sha1 (?<sha1>\S+); md5 (?<md5>\S+)")],
        [CustodyAction.KindChanged] = [new("kind-changed", $@"(?<old>{Kinds}) -> (?<new>{Kinds})")],
        [CustodyAction.Analysed] = [new("analysed", @"run (?<run>\d+) by (?<analyser>\S*) (?<version>.*); (?<warnings>\d+) warnings")],
        [CustodyAction.AnalysisFailed] = [new("analysis-failed", @"run (?<run>\d+): (?<message>.*)")],
    };

    /// <summary>
    /// Where a received item came from: the web upload endpoint's and the collector endpoint's suffixes around the note
    /// (src/Web/Endpoints). Any other source (a note, the demo seeder's) is shown as written. The more specific first.
    /// </summary>
    private static readonly TextTemplate[] Sources =
    [
        new("from.web-upload-default", @"upload \(web upload from (?<ip>[^()]*)\)"),
        new("from.web-upload", @"(?<note>.+) \(web upload from (?<ip>[^()]*)\)"),
        new("from.collector-on-host", @"collector on (?<host>.+) \(upload from (?<ip>[^()]*)\)"),
        new("from.collector", @"collector \(upload from (?<ip>[^()]*)\)"),
    ];

    /// <summary>Every template key, for the completeness tests.</summary>
    public static IEnumerable<string> Keys => Whole.Values.SelectMany(t => t).Concat(Sources).Select(t => t.Key);

    /// <summary>
    /// The details in <paramref name="culture"/>; unchanged when they are not a domain template. Evidence kinds are named
    /// by <paramref name="kindName"/> (the UI's translated kind labels) when given, else as stored.
    /// </summary>
    public static string? Localize(CustodyAction action, string? details, CultureInfo culture, Func<EvidenceKind, string>? kindName = null)
    {
        if (string.IsNullOrEmpty(details) || Recognise(action, details) is not { } parts)
        {
            return details;
        }

        var values = new Dictionary<string, string>(parts[0].Values, StringComparer.Ordinal);
        if (parts.Count > 1)
        {
            values["from"] = Fill(Resource(parts[1].Key, culture) ?? parts[1].Key, parts[1].Values, null);
        }

        return Fill(Resource(parts[0].Key, culture) ?? parts[0].Key, values, kindName);
    }

    /// <summary>
    /// The template keys the details are made of (the action's template and, for a receipt, the source's when one
    /// matches) with the values each captured; null when no template recognises them.
    /// </summary>
    public static IReadOnlyList<(string Key, IReadOnlyDictionary<string, string> Values)>? Recognise(CustodyAction action, string details)
    {
        if (!Whole.TryGetValue(action, out var templates) || TextTemplate.Find(templates, details) is not { } whole)
        {
            return null;
        }

        return whole.Values.TryGetValue("from", out var from) && TextTemplate.Find(Sources, from) is { } source ? [whole, source] : [whole];
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, Func<EvidenceKind, string>? kindName) =>
        Placeholders.Fill(template, name => values.GetValueOrDefault(name) is { } value
            ? name is "old" or "new" && kindName is not null && Enum.TryParse<EvidenceKind>(value, out var kind) ? kindName(kind) : value
            : null);

    private static string? Resource(string key, CultureInfo culture) => Analysis.FindingText.Lookup(Text, key, culture);

    /// <summary>The resource text of a key in that culture exactly (no fallback), for completeness checks.</summary>
    public static string? Exact(string key, CultureInfo culture) => Analysis.FindingText.Exact(Text, key, culture);
}
