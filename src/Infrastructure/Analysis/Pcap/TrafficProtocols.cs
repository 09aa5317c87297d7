using CaseManager.Infrastructure.Analysis.Pcap.Protocols;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>The modules of the traffic analyser, in the order they are asked to claim a TCP direction or a datagram.</summary>
internal static class TrafficProtocols
{
    public static ITrafficProtocol[] Create(HostTable hosts) =>
    [
        new ConversationsProtocol(hosts),
        new DnsProtocol(),
        new TlsProtocol(),
        new HttpProtocol(),
        new IrcProtocol(),
        new StratumProtocol(),
        new FtpProtocol(),
    ];

    /// <summary>Every table the analyser can write, for the catalogue and the views.</summary>
    public static IReadOnlyList<Application.Analysis.ResultTableSchema> Tables { get; } =
        [.. Create(new HostTable()).SelectMany(m => m.Tables)];

    /// <summary>Every finding code the analyser can give.</summary>
    public static IReadOnlyList<Application.Analysis.FindingDefinition> Findings { get; } =
        [.. Create(new HostTable()).SelectMany(m => m.Findings)];
}
