using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Platform;

/// <summary>Every registered <see cref="IEvidenceAnalyser"/>; a kind belongs to at most one analyser (checked at start).</summary>
public sealed class AnalyserRegistry : IAnalyserRegistry
{
    private readonly Dictionary<EvidenceKind, IEvidenceAnalyser> _byKind = [];
    private readonly Dictionary<string, (FindingDefinition, IFindingCatalogue)> _findings = new(StringComparer.Ordinal);

    public AnalyserRegistry(IEnumerable<IEvidenceAnalyser> analysers)
        : this(analysers, [])
    {
    }

    public AnalyserRegistry(IEnumerable<IEvidenceAnalyser> analysers, IEnumerable<IEvidenceScanStep> steps)
    {
        All = [.. analysers];
        Steps = [.. steps];
        foreach (var step in Steps)
        {
            foreach (var definition in step.Catalogue.Findings)
            {
                if (!_findings.TryAdd(definition.Code, (definition, step.Catalogue)))
                {
                    throw new InvalidOperationException($"Finding code {definition.Code} is defined twice.");
                }
            }
        }

        foreach (var analyser in All)
        {
            foreach (var kind in analyser.Kinds)
            {
                if (!_byKind.TryAdd(kind, analyser))
                {
                    throw new InvalidOperationException($"Evidence kind {kind} is claimed by analysers '{_byKind[kind].Name}' and '{analyser.Name}'.");
                }
            }

            foreach (var definition in analyser.Catalogue.Findings)
            {
                if (!_findings.TryAdd(definition.Code, (definition, analyser.Catalogue)))
                {
                    throw new InvalidOperationException($"Finding code {definition.Code} is defined twice.");
                }
            }
        }
    }

    public IReadOnlyList<IEvidenceAnalyser> All { get; }

    public IReadOnlyList<IEvidenceScanStep> Steps { get; }

    public IEvidenceAnalyser? For(EvidenceKind kind) => _byKind.GetValueOrDefault(kind);

    public IEvidenceAnalyser? ByName(string name) => All.FirstOrDefault(a => a.Name == name);

    public (FindingDefinition Definition, IFindingCatalogue Catalogue)? Finding(string code) =>
        _findings.TryGetValue(code, out var found) ? found : null;
}
