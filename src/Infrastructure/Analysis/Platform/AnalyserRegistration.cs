using Microsoft.Extensions.DependencyInjection.Extensions;
using CaseManager.Application.Analysis;
using CaseManager.Infrastructure.Analysis.Platform;

namespace Microsoft.Extensions.DependencyInjection;

public static class AnalyserRegistration
{
    /// <summary>Registers an analyser behind the plug-in point: the registry, the job, the CLI and the views find it.</summary>
    public static IServiceCollection AddAnalyser<TAnalyser>(this IServiceCollection services)
        where TAnalyser : class, IEvidenceAnalyser
    {
        services.AddSingleton<TAnalyser>();
        services.AddSingleton<IEvidenceAnalyser>(sp => sp.GetRequiredService<TAnalyser>());
        services.TryAddSingleton<IAnalyserRegistry, AnalyserRegistry>();
        return services;
    }
}
