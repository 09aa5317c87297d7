using System.Resources;

namespace CaseManager.Application.Analysis;

/// <summary>The texts of warnings the platform itself gives (codes <c>platform.*</c>), e.g. when it caps a run's indicators.</summary>
public sealed class PlatformCatalogue : IFindingCatalogue
{
    public static readonly PlatformCatalogue Instance = new();

    public IReadOnlyList<FindingDefinition> Findings => [];

    public IReadOnlyList<string> Warnings => ["platform.indicators-capped", "platform.findings-capped"];

    public ResourceManager Text { get; } = new("CaseManager.Application.Analysis.AnalysisText", typeof(PlatformCatalogue).Assembly);

    /// <summary>The catalogue that renders a warning code: the platform's for <c>platform.*</c>, else the analyser's.</summary>
    public static IFindingCatalogue? For(string code, IAnalyserRegistry registry, string? analyser) =>
        code.StartsWith("platform.", StringComparison.Ordinal) ? Instance : analyser is null ? null : registry.ByName(analyser)?.Catalogue;
}
