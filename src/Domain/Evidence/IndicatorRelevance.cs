namespace CaseManager.Domain.Evidence;

/// <summary>
/// How much an indicator matters. The ordinary (standard system and loader paths, PATH entries, package-manager
/// hosts …) is <see cref="Context"/>: kept, but folded away so what matters is seen first.
/// </summary>
public enum IndicatorRelevance
{
    Context = 0,
    Suspicious = 1,
    Malicious = 2,
}
