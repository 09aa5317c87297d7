namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Receives what the <see cref="PacketDecoder"/> finds under the IP layer.</summary>
internal interface ITransportHandler
{
    /// <summary>Frame number of the packet being decoded.</summary>
    long Frame { get; }

    void OnTcp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> segment, int reported, int frameLength);

    void OnUdp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> datagram, int reported, int frameLength);

    /// <summary>
    /// The outer UDP datagram of a tunnel (GTP-U, VXLAN, Geneve) whose inner packet was decoded: it counts for its
    /// conversation as in tshark, the hosts are counted by the inner packet.
    /// </summary>
    void OnUdpTunnel(in IpAddressKey src, in IpAddressKey dst, ushort srcPort, ushort dstPort, int frameLength);

    void OnIcmp(in IpAddressKey src, in IpAddressKey dst);

    /// <summary>An IP packet with no transport the analyser follows: only the host counters change.</summary>
    void CountHosts(in IpAddressKey src, in IpAddressKey dst, int frameLength);
}
