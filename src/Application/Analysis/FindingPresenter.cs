using System.Globalization;
using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>A stored finding as a reader sees it: title and explanation in their language.</summary>
public sealed record FindingView(
    string Code,
    FindingSeverity Severity,
    string Title,
    string Explanation,
    string? Attack,
    EvidenceReference? Reference);

/// <summary>Renders stored coded findings and warnings through the analysers' catalogues, in the current UI culture.</summary>
public sealed class FindingPresenter(IAnalyserRegistry registry)
{
    public FindingView Present(EvidenceFinding finding) =>
        Present(finding.Code, finding.Severity, FindingJson.Arguments(finding.Arguments), FindingJson.Reference(finding.Reference), finding.Attack);

    public FindingView Present(string code, FindingSeverity severity, IReadOnlyList<FindingArgument> arguments, EvidenceReference? reference, string? attack)
    {
        var culture = CultureInfo.CurrentUICulture;
        var coded = new AnalysisFinding(code, severity, arguments, reference, attack);
        if (registry.Finding(code) is not { } known)
        {
            return new FindingView(code, severity, code, string.Join("; ", arguments.Select(a => $"{a.Name}: {FindingText.Render(a, culture)}")), attack, reference);
        }

        return new FindingView(
            code,
            severity,
            FindingText.Title(coded, known.Catalogue, culture),
            FindingText.Explanation(coded, known.Catalogue, culture),
            attack ?? known.Definition.Attack,
            reference);
    }

    /// <summary>The stored warnings of a run (one per line; coded ones rendered in the reader's language).</summary>
    public IReadOnlyList<string> Warnings(string? message, string? analyser)
    {
        if (string.IsNullOrEmpty(message))
        {
            return [];
        }

        var culture = CultureInfo.CurrentUICulture;
        return message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => FindingJson.Warning(line) is { } warning && PlatformCatalogue.For(warning.Code, registry, analyser) is { } catalogue
                ? FindingText.Warning(warning, catalogue, culture)
                : line)
            .ToList();
    }
}
