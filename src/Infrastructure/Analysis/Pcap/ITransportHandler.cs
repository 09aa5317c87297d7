namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Receives what the <see cref="PacketDecoder"/> finds under the IP layer.</summary>
internal interface ITransportHandler
{
    /// <summary>Frame number of the packet being decoded.</summary>
    long Frame { get; }

    void OnTcp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> segment, int reported, int frameLength);

    void OnUdp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> datagram, int reported, int frameLength);

    void OnIcmp(in IpAddressKey src, in IpAddressKey dst);

    /// <summary>An IP packet with no transport the analyser follows: only the host counters change.</summary>
    void CountHosts(in IpAddressKey src, in IpAddressKey dst, int frameLength);
}
