using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Platform;

/// <summary>
/// Every finding code of every registered analyser has its English and Chinese title and explanation, its templates
/// name only arguments the code declares, and <c>docs/findings.md</c> lists exactly the codes there are.
/// </summary>
public sealed partial class FindingCatalogueTests
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    internal static IAnalyserRegistry Registry { get; } =
        new ServiceCollection().AddAnalysers().BuildServiceProvider().GetRequiredService<IAnalyserRegistry>();

    /// <summary>Every catalogue by name: the analysers' and the scanning steps' (yara).</summary>
    private static IEnumerable<(string Name, IFindingCatalogue Catalogue)> Catalogues =>
        Registry.All.Select(a => (a.Name, a.Catalogue)).Concat(Registry.Steps.Select(s => (s.Name, s.Catalogue)));

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var code in Catalogues.SelectMany(a => a.Catalogue.Findings).Select(f => f.Code).Order(StringComparer.Ordinal))
        {
            data.Add(code);
        }

        return data;
    }

    public static TheoryData<string, string> WarningCodes()
    {
        var data = new TheoryData<string, string>();
        foreach (var analyser in Catalogues)
        {
            foreach (var code in analyser.Catalogue.Warnings)
            {
                data.Add(analyser.Name, code);
            }
        }

        foreach (var code in PlatformCatalogue.Instance.Warnings)
        {
            data.Add("platform", code);
        }

        return data;
    }

    [Fact]
    public void EveryEvidenceKindAnAnalyserClaims_IsClaimedOnce_AndCodesAreWellFormed()
    {
        Registry.All.Select(a => a.Name).ShouldBe(["traffic", "memory", "triage"], ignoreOrder: true);
        foreach (var definition in Registry.All.SelectMany(a => a.Catalogue.Findings))
        {
            definition.Code.ShouldMatch(@"^[a-z0-9]+(\.[a-z0-9-]+){2,}$");
            definition.FiresWhen.ShouldNotBeNullOrWhiteSpace();
            if (definition.Attack is not null)
            {
                definition.Attack.ShouldMatch(@"^T\d{4}(\.\d{3})?$");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Code_HasEnglishAndChineseTexts_UsingOnlyItsArguments(string code)
    {
        var (definition, catalogue) = Registry.Finding(code)!.Value;
        foreach (var key in new[] { code + ".title", code + ".explanation" })
        {
            var english = FindingText.Exact(catalogue.Text, key, CultureInfo.InvariantCulture);
            var chinese = FindingText.Exact(catalogue.Text, key, Chinese);
            english.ShouldNotBeNullOrWhiteSpace($"{key} has no English text");
            chinese.ShouldNotBeNullOrWhiteSpace($"{key} has no Chinese text");
            chinese.ShouldMatch(@"\p{IsCJKUnifiedIdeographs}", $"{key}: the Chinese text is not Chinese");
            Placeholders(english).ShouldBeSubsetOf(definition.Arguments, $"{key} (English) names an argument the code does not declare");
            Placeholders(chinese).ShouldBe(Placeholders(english), ignoreOrder: true, $"{key}: Chinese and English name different arguments");
        }
    }

    [Theory]
    [MemberData(nameof(WarningCodes))]
    public void Warning_HasEnglishAndChineseText(string analyser, string code)
    {
        var catalogue = analyser == "platform" ? PlatformCatalogue.Instance : Registry.CatalogueOf(analyser)!;
        FindingText.Exact(catalogue.Text, "warning." + code, English).ShouldNotBeNullOrWhiteSpace();
        FindingText.Exact(catalogue.Text, "warning." + code, Chinese)!.ShouldMatch(@"\p{IsCJKUnifiedIdeographs}");
    }

    [Fact]
    public void FindingsDocument_ListsEveryCode()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "findings.md");
        var expected = FindingsDocument();
        if (Environment.GetEnvironmentVariable("CASEMANAGER_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        File.Exists(path).ShouldBeTrue("docs/findings.md is missing: run the tests once with CASEMANAGER_WRITE_DOCS=1");
        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(expected, "docs/findings.md is out of date: run the tests once with CASEMANAGER_WRITE_DOCS=1");
    }

    /// <summary>The catalogue as Markdown: one table per analyser, made from the registry and its English texts.</summary>
    internal static string FindingsDocument()
    {
        var md = new StringBuilder();
        md.Append("# Finding codes\n\n");
        md.Append("Generated from the analysers' catalogues by `FindingCatalogueTests` (run the tests with `CASEMANAGER_WRITE_DOCS=1` to\n");
        md.Append("rewrite it); a test fails when it is out of date. Rules downstream (classification, remediation, reports) key on these\n");
        md.Append("codes, never on text. Titles and explanations are shown in English or Chinese; `{name}` is an argument of the finding.\n");
        foreach (var analyser in Catalogues.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {analyser.Name}\n\n");
            md.Append("| code | severity | ATT&CK | arguments | title | fires when |\n|---|---|---|---|---|---|\n");
            foreach (var d in analyser.Catalogue.Findings.OrderBy(f => f.Code, StringComparer.Ordinal))
            {
                var title = FindingText.Exact(analyser.Catalogue.Text, d.Code + ".title", English) ?? string.Empty;
                md.Append(CultureInfo.InvariantCulture, $"| `{d.Code}` | {d.Severity} | {d.Attack ?? "–"} | {string.Join(", ", d.Arguments)} | {Cell(title)} | {Cell(d.FiresWhen)} |\n");
            }

            if (analyser.Catalogue.Warnings.Count > 0)
            {
                md.Append("\nWarnings: ").Append(string.Join(", ", analyser.Catalogue.Warnings.Order(StringComparer.Ordinal).Select(w => $"`{w}`"))).Append('\n');
            }
        }

        return md.ToString();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CaseManager.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static List<string> Placeholders(string template) => [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct()];

    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9]*)\}")]
    private static partial Regex Placeholder();
}
