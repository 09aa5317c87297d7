using CaseManager.Application.Analysis;
using CaseManager.Application.Yara;
using CaseManager.Infrastructure.Analysis.Yara;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class YaraRegistration
{
    /// <summary>The YARA engine (options from the <c>Yara</c> section when configuration is there), its starter rules and its scanning step.</summary>
    public static IServiceCollection AddYara(this IServiceCollection services)
    {
        services.AddOptions<YaraOptions>().Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(YaraOptions.Section).Bind(options));
        services.TryAddSingleton(sp => new YaraEngine(sp.GetRequiredService<IOptions<YaraOptions>>().Value));
        services.TryAddSingleton<IYaraEngine>(sp => sp.GetRequiredService<YaraEngine>());
        services.TryAddSingleton<IYaraStarterRules, YaraStarterRules>();
        services.AddSingleton<IEvidenceScanStep, YaraScanStep>();
        return services;
    }
}
