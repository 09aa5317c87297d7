namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Known mining-pool domains from <c>Analysis/Data/mining-pools.txt</c>.</summary>
internal static class MiningPoolDomains
{
    private static readonly DomainSuffixList Domains = new("mining-pools.txt");

    public static IReadOnlyCollection<string> All => Domains.All;

    /// <summary>Returns the listed domain <paramref name="name"/> belongs to, or null.</summary>
    public static string? Match(string name) => Domains.Match(name);
}
