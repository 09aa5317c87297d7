namespace CaseManager.Infrastructure.Analysis;

/// <summary>Dynamic-DNS provider zones (3322.org, duckdns.org, no-ip …) from <c>Analysis/Data/ddns-suffixes.txt</c>.</summary>
public static class DynamicDnsZones
{
    private static readonly DomainSuffixList Zones = new("ddns-suffixes.txt");

    public static IReadOnlyCollection<string> All => Zones.All;

    /// <summary>Returns the provider zone <paramref name="name"/> belongs to, or null.</summary>
    public static string? Match(string name) => Zones.Match(name);
}
