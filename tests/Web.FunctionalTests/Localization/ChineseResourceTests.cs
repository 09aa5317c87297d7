using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CaseManager.Web.FunctionalTests.Localization;

/// <summary>Every UI string the code shows has a Simplified Chinese translation.</summary>
public sealed partial class ChineseResourceTests
{
    private static readonly string Root = FindRepositoryRoot();

    public static TheoryData<string> UiStrings()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src", "Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            keys.UnionWith(LocalizerKey().Matches(text).Select(m => m.Groups[1].Value));
            keys.UnionWith(FlashKey().Matches(text).Select(m => m.Groups[1].Value));
            keys.UnionWith(FlashChoiceKey().Matches(text).Select(m => m.Groups[1].Value));
            keys.UnionWith(ErrorMessageKey().Matches(text).Select(m => m.Groups[1].Value));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => (f.Contains("/src/Application/", StringComparison.Ordinal) || f.Contains("/src/Domain/", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            keys.UnionWith(MessageKey().Matches(source).Select(m => m.Groups[1].Value));
            keys.UnionWith(RequireKey().Matches(source).Select(m => m.Groups[1].Value));
        }

        // Shown through L[value.ToString()]: phases, severities and role names.
        keys.UnionWith(Enum.GetNames<CaseManager.Domain.Cases.CasePhase>());
        keys.UnionWith(Enum.GetNames<CaseManager.Domain.Cases.Severity>());
        keys.UnionWith(CaseManager.Domain.Identity.Roles.All);
        keys.UnionWith(EnumKeys());

        var data = new TheoryData<string>();
        foreach (var key in keys)
        {
            data.Add(key);
        }

        return data;
    }

    [Fact]
    public void UiStrings_AreFoundInTheSources() => UiStrings().Count.ShouldBeGreaterThan(100);

    [Theory]
    [InlineData("SharedResource.zh-CN.resx")]
    [InlineData("SharedResource.en.resx")]
    public void ResourceNames_AreUniqueIgnoringCase(string file)
    {
        // Resource names are case-insensitive: "Detected" and "detected" collide and one is silently dropped.
        var names = XDocument.Load(Path.Combine(Root, "src", "Web", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();

        names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(UiStrings))]
    public void UiString_HasAChineseTranslation(string key)
    {
        var translations = XDocument.Load(Path.Combine(Root, "src", "Web", "Resources", "SharedResource.zh-CN.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        translations.ShouldContainKey(key);
        translations[key].ShouldNotBe(key);
        translations[key].ShouldMatch(@"\p{IsCJKUnifiedIdeographs}");
    }

    /// <summary>Keys of the form Kind.Member (not English text): they need an English label as well.</summary>
    public static TheoryData<string> EnumKeyData()
    {
        var data = new TheoryData<string>();
        foreach (var key in EnumKeys())
        {
            data.Add(key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnumKeyData))]
    public void EnumKey_HasAnEnglishLabel(string key)
    {
        var english = XDocument.Load(Path.Combine(Root, "src", "Web", "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        english.ShouldContainKey(key);
        english[key].ShouldNotContain(".");
    }

    private static IEnumerable<string> EnumKeys() =>
        Enum.GetNames<CaseManager.Domain.Intake.ReportChannel>().Select(n => "Channel." + n)
            .Concat(Enum.GetNames<CaseManager.Domain.Intake.HostState>().Select(n => "HostState." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Intake.SymptomKind>().Select(n => "Symptom." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Intake.ActionKind>().Select(n => "Action." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Intake.EvidenceType>().Select(n => "Evidence." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Intake.IntakeStatus>().Select(n => "IntakeStatus." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Evidence.EvidenceKind>().Select(n => "Kind." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Evidence.AnalysisStatus>().Select(n => "Analysis." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Evidence.CustodyAction>().Select(n => "Custody." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Evidence.FindingSeverity>().Select(n => "FindingSeverity." + n))
            .Concat(Enum.GetNames<CaseManager.Application.Timeline.TimelineLane>().Select(n => "TimelineLane." + n))
            .Concat(Enum.GetNames<CaseManager.Application.Timeline.TimelineItemKind>().Select(n => "TimelineKind." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Cases.AttackTactic>().Select(n => "Tactic." + n))
            .Concat(Enum.GetNames<CaseManager.Application.Activity.Queries.GetCaseActivity.ActivityItemKind>().Select(n => "Activity." + n))
            .Concat(Enum.GetNames<CaseManager.Application.Search.Queries.SearchCases.SearchField>().Select(n => "SearchField." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Evidence.IndicatorType>().Select(n => "IndicatorType." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Evidence.IndicatorRelevance>().Select(n => "IndicatorRelevance." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Cases.TimelineEntryKind>().Select(n => "Timeline." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Remediation.RemediationStage>().Select(n => "RemediationStage." + n))
            .Concat(Enum.GetNames<CaseManager.Domain.Remediation.RemediationStatus>().Select(n => "RemediationStatus." + n))
            .Concat(new[] { "kill", "block", "remove-file", "remove-persistence", "reset-account", "review" }.Select(n => "RemediationAction." + n));

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CaseManager.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b[Ll]\[""((?:[^""\\]|\\.)+)""\]")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"TempData\[""Flash""\] = ""([^""]+)""")]
    private static partial Regex FlashKey();

    [GeneratedRegex(@"TempData\[""Flash""\] = [^;]*?""([^""]+)"" :")]
    private static partial Regex FlashChoiceKey();

    [GeneratedRegex(@"ErrorMessage = ""([^""]+)""")]
    private static partial Regex ErrorMessageKey();

    [GeneratedRegex(@"(?:WithMessage|DomainException|ValidationException\([^,()]+,)\s*\(?""([^""{}]+)""\)")]
    private static partial Regex MessageKey();

    [GeneratedRegex(@"Require\([^;]*?, ""[^""]*"", ""([^""]+)""\)")]
    private static partial Regex RequireKey();
}
