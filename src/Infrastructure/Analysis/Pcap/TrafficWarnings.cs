namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>The warning codes of the traffic analyser (texts: <c>warning.{code}</c> in <c>TrafficText.resx</c>).</summary>
internal static class TrafficWarnings
{
    /// <summary>The file ends inside a packet record ({bytes} left).</summary>
    public const string Truncated = "traffic.capture.truncated";

    /// <summary>A pcap record claims a packet bigger than the maximum ({length}, {max}).</summary>
    public const string PacketTooLarge = "traffic.capture.packet-too-large";

    public const string NoByteOrderMagic = "traffic.capture.no-byte-order-magic";

    /// <summary>A pcapng block has an invalid length ({type}, {length}).</summary>
    public const string BlockLength = "traffic.capture.block-length";

    /// <summary>A pcapng block's leading and trailing lengths differ ({type}).</summary>
    public const string BlockLengthMismatch = "traffic.capture.block-length-mismatch";

    /// <summary>A pcapng block is too short for its kind ({block}: IDB, EPB, SPB).</summary>
    public const string BlockTooShort = "traffic.capture.block-too-short";

    /// <summary>A pcapng packet block claims more captured bytes than it holds ({captured}, {held}).</summary>
    public const string BlockOverrun = "traffic.capture.block-overrun";

    /// <summary>Packet blocks referred to an interface that was never described ({packets}).</summary>
    public const string UnknownInterface = "traffic.capture.unknown-interface";

    /// <summary>Packets cut inside their IP header by the snap length ({packets}).</summary>
    public const string CutIpHeader = "traffic.packet.cut-ip-header";

    /// <summary>Tunnel headers (GTP-U, VXLAN, Geneve, GRE/ERSPAN, MPLS, NFLOG) cut or inconsistent ({packets}): decoded up to there.</summary>
    public const string MalformedTunnel = "traffic.packet.malformed-tunnel";

    /// <summary>Tunnels nested deeper than {max} levels ({packets}): the packets count for the outer layers only.</summary>
    public const string TunnelTooDeep = "traffic.packet.tunnel-too-deep";

    public static IReadOnlyList<string> All { get; } =
    [
        Truncated, PacketTooLarge, NoByteOrderMagic, BlockLength, BlockLengthMismatch, BlockTooShort, BlockOverrun, UnknownInterface,
        CutIpHeader, MalformedTunnel, TunnelTooDeep,
    ];
}
