using CaseManager.Application.Yara;

namespace CaseManager.Infrastructure.Analysis.Yara;

/// <summary>The starter rules shipped in <c>Rules/casemanager-starter.yar</c> (embedded; sources and licences in its header).</summary>
public sealed class YaraStarterRules : IYaraStarterRules
{
    public const string ResourceName = "CaseManager.Infrastructure.Analysis.Yara.Rules.casemanager-starter.yar";

    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(YaraStarterRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"missing embedded resource {ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public string Source => Text.Value;
}
