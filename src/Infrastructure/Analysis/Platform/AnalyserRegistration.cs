using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Pcap;
using CaseManager.Infrastructure.Analysis.Platform;
using CaseManager.Infrastructure.Analysis.Triage;
using CaseManager.Infrastructure.Evidence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class AnalyserRegistration
{
    /// <summary>
    /// Every analyser and what they share (registry, kind detection, indicator relevance): the one place the web app,
    /// the job worker and the CLI get them from. Adding an analyser is one class plus one line here.
    /// </summary>
    public static IServiceCollection AddAnalysers(this IServiceCollection services)
    {
        services.TryAddSingleton<IStringsExtractor, StringsExtractor>();
        services.TryAddSingleton<IIndicatorRelevance, IndicatorRelevanceRules>();
        services.TryAddSingleton<IEvidenceInspector, EvidenceInspector>();
        services.TryAddSingleton<IAnalyserRegistry, AnalyserRegistry>();
        services.AddAnalyser<TrafficAnalyser>();
        services.AddAnalyser<MemoryAnalyser>();
        services.AddAnalyser<TriageAnalyser>();
        services.AddYara();
        return services;
    }

    /// <summary>Registers an analyser behind the plug-in point: the registry, the job, the CLI and the views find it.</summary>
    public static IServiceCollection AddAnalyser<TAnalyser>(this IServiceCollection services)
        where TAnalyser : class, IEvidenceAnalyser
    {
        services.TryAddSingleton<TAnalyser>();
        services.AddSingleton<IEvidenceAnalyser>(sp => sp.GetRequiredService<TAnalyser>());
        services.TryAddSingleton<IAnalyserRegistry, AnalyserRegistry>();
        return services;
    }
}
