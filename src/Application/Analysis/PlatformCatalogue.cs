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
    public static IFindingCatalogue? For(string code, IAnalyserRegistry registry, string? analyser)
    {
        if (code.StartsWith("platform.", StringComparison.Ordinal))
        {
            return Instance;
        }

        // A scanning step's warning (yara.timeout) is stored with the analyser's run: its code's prefix names the step.
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && registry.Steps.FirstOrDefault(s => s.Name == code[..dot]) is { } step)
        {
            return step.Catalogue;
        }

        return analyser is null ? null : registry.ByName(analyser)?.Catalogue;
    }
}
