using System.Globalization;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>Memory findings and warnings in a language, through <see cref="FindingText"/> and the memory catalogue.</summary>
internal static class MemoryText
{
    public static string Title(AnalysisFinding finding, CultureInfo culture) => FindingText.Title(finding, MemoryFindingCatalogue.Instance, culture);

    public static string Explanation(AnalysisFinding finding, CultureInfo culture) => FindingText.Explanation(finding, MemoryFindingCatalogue.Instance, culture);

    public static string Warning(AnalysisWarning warning, CultureInfo culture) => FindingText.Warning(warning, MemoryFindingCatalogue.Instance, culture);
}
