using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Decodes a captured frame down to its transport header: link layer, IPv4/IPv6 (extension headers, fragments
/// reassembled on the frame that completes the datagram) and tunnels decoded to the inner packet as tshark does:
/// IP-in-IP, 6in4, GRE (IP, transparent Ethernet, ERSPAN I/II/III, MPLS), MPLS label stacks, GTP-U (UDP 2152), VXLAN
/// (4789) and Geneve (6081). Nesting is bounded by <see cref="MaxTunnelDepth"/>; cut tunnel headers are counted.
/// Span-based, no allocation per packet; hands TCP and UDP to the <see cref="ITransportHandler"/>.
/// </summary>
internal sealed class PacketDecoder(ITransportHandler handler)
{
    /// <summary>Tunnels inside tunnels beyond this depth are not followed (no real network nests that deep).</summary>
    public const int MaxTunnelDepth = 8;

    private const int MaxGtpExtensions = 16;

    private readonly FragmentReassembler _reassembler = new();
    private long _malformedFrame = -1;
    private long _deepFrame = -1;

    /// <summary>IPv4 / IPv6 fragments seen.</summary>
    public long Fragments => _fragments;

    /// <summary>Packets cut inside their IP header (snap length).</summary>
    public long TruncatedHeaders => _truncatedHeaders;

    /// <summary>True while a reassembled datagram is analysed: its fragments' frames were already counted for the hosts.</summary>
    public bool Reassembled { get; private set; }

    /// <summary>Packets with a cut or inconsistent tunnel header.</summary>
    public long MalformedTunnels { get; private set; }

    /// <summary>Packets whose tunnels nest deeper than <see cref="MaxTunnelDepth"/>.</summary>
    public long DeepTunnels { get; private set; }

    private long _fragments;
    private long _truncatedHeaders;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decode(int linkType, ReadOnlySpan<byte> data, int originalLength)
    {
        var version = LinkLayer.FindNetwork(linkType, data, out var offset);
        if (version == LinkLayer.Malformed)
        {
            Malformed();
            return;
        }

        if (version == 0 || offset > data.Length)
        {
            return;
        }

        DecodeIp(data[offset..], version, originalLength, 0);
    }

    private bool DecodeIp(ReadOnlySpan<byte> packet, int version, int frameLength, int depth)
    {
        return version == 4 ? DecodeIpv4(packet, frameLength, depth) : DecodeIpv6(packet, frameLength, depth);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool DecodeIpv4(ReadOnlySpan<byte> packet, int frameLength, int depth)
    {
        if (packet.Length < 20 || (packet[0] >> 4) != 4)
        {
            _truncatedHeaders++;
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (total == 0)
        {
            total = packet.Length; // TSO: length left to the NIC
        }

        if (headerLength < 20 || total < headerLength)
        {
            return false;
        }

        if (packet.Length < headerLength)
        {
            _truncatedHeaders++;
            return false;
        }

        var src = IpAddressKey.FromIpv4(packet[12..]);
        var dst = IpAddressKey.FromIpv4(packet[16..]);
        var protocol = packet[9];
        var fragmentField = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var payload = packet[headerLength..Math.Min(total, packet.Length)];
        var reported = total - headerLength;
        if ((fragmentField & 0x3FFF) != 0)
        {
            Fragment(src, dst, BinaryPrimitives.ReadUInt16BigEndian(packet[4..]), protocol, (fragmentField & 0x1FFF) * 8,
                (fragmentField & 0x2000) != 0, payload, reported, frameLength, depth);
            return true;
        }

        return Transport(protocol, src, dst, payload, reported, frameLength, depth);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool DecodeIpv6(ReadOnlySpan<byte> packet, int frameLength, int depth)
    {
        if (packet.Length < 40 || (packet[0] >> 4) != 6)
        {
            _truncatedHeaders++;
            return false;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var next = packet[6];
        var src = IpAddressKey.FromIpv6(packet[8..]);
        var dst = IpAddressKey.FromIpv6(packet[24..]);
        var end = payloadLength == 0 ? packet.Length : Math.Min(packet.Length, 40 + payloadLength);
        var reported = payloadLength == 0 ? packet.Length - 40 : payloadLength;
        var offset = 40;
        for (var i = 0; i < 8; i++)
        {
            int length;
            switch (next)
            {
                case 0 or 43 or 60 or 135 or 139 or 140:
                    if (offset + 2 > end)
                    {
                        handler.CountHosts(src, dst, frameLength);
                        return true;
                    }

                    length = (packet[offset + 1] + 1) * 8;
                    break;
                case 51:
                    if (offset + 2 > end)
                    {
                        handler.CountHosts(src, dst, frameLength);
                        return true;
                    }

                    length = (packet[offset + 1] + 2) * 4;
                    break;
                case 44:
                    if (offset + 8 > end)
                    {
                        handler.CountHosts(src, dst, frameLength);
                        return true;
                    }

                    var fragmentField = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
                    if ((fragmentField & 0xFFF9) != 0)
                    {
                        Fragment(src, dst, BinaryPrimitives.ReadUInt32BigEndian(packet[(offset + 4)..]), packet[offset], fragmentField & 0xFFF8,
                            (fragmentField & 1) != 0, packet[(offset + 8)..end], reported - 8, frameLength, depth);
                        return true;
                    }

                    length = 8;
                    break;
                default:
                    length = -1;
                    break;
            }

            if (length < 0)
            {
                break;
            }

            next = packet[offset];
            offset += length;
            reported -= length;
        }

        if (offset > end || reported < 0)
        {
            handler.CountHosts(src, dst, frameLength);
            return true;
        }

        return Transport(next, src, dst, packet[offset..end], reported, frameLength, depth);
    }

    /// <summary>Counts the fragment and, when it completes a datagram, analyses the datagram on this frame.</summary>
    private void Fragment(in IpAddressKey src, in IpAddressKey dst, uint id, byte protocol, int offset, bool more,
        ReadOnlySpan<byte> data, int reported, int frameLength, int depth)
    {
        _fragments++;
        handler.CountHosts(src, dst, frameLength);
        if (data.Length != reported || reported < 0
            || !_reassembler.TryAdd(src, dst, id, protocol, offset, more, data, handler.Frame, out var datagram, out var length))
        {
            return;
        }

        Reassembled = true;
        try
        {
            Transport(protocol, src, dst, datagram.AsSpan(0, length), length, frameLength, depth);
        }
        finally
        {
            Reassembled = false;
            FragmentReassembler.Return(datagram);
        }
    }

    private bool Transport(byte protocol, in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> payload, int reported, int frameLength, int depth)
    {
        switch (protocol)
        {
            case 6:
                handler.OnTcp(src, dst, payload, reported, frameLength);
                return true;
            case 17:
                if (!UdpTunnel(src, dst, payload, reported, frameLength, depth))
                {
                    handler.OnUdp(src, dst, payload, reported, frameLength);
                }

                return true;
            case 4 or 41 or 47 when depth >= MaxTunnelDepth:
                TooDeep();
                break;
            case 4:
                if (DecodeIpv4(payload, frameLength, depth + 1))
                {
                    return true;
                }

                break;
            case 41:
                if (DecodeIpv6(payload, frameLength, depth + 1))
                {
                    return true;
                }

                break;
            case 47:
                if (Gre(payload, frameLength, depth))
                {
                    return true;
                }

                break;
            case 1 or 58:
                handler.OnIcmp(src, dst);
                break;
            default:
                break;
        }

        handler.CountHosts(src, dst, frameLength);
        return true;
    }

    /// <summary>
    /// GTP-U, VXLAN and Geneve by their registered ports: when the inner packet decodes, the outer datagram counts only
    /// for its conversation (as tshark's udp.stream) and the inner packet for the hosts and its own conversation.
    /// </summary>
    private bool UdpTunnel(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> datagram, int reported, int frameLength, int depth)
    {
        if (datagram.Length < 8)
        {
            return false;
        }

        var srcPort = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var dstPort = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        var tunnel = dstPort is 2152 or 4789 or 6081 ? dstPort : srcPort is 2152 or 4789 or 6081 ? srcPort : 0;
        if (tunnel == 0)
        {
            return false;
        }

        if (depth >= MaxTunnelDepth)
        {
            TooDeep();
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        var end = Math.Min(datagram.Length, length >= 8 ? length : Math.Max(8, reported));
        var body = datagram[8..end];
        int offset, type;
        var located = tunnel switch
        {
            2152 => LocateGtp(body, out offset, out type),
            4789 => LocateVxlan(body, out offset, out type),
            _ => LocateGeneve(body, out offset, out type),
        };
        if (!located || !CarriesIp(type, body[offset..]))
        {
            return false; // an ordinary datagram on a tunnel port (or a damaged tunnel): plain UDP
        }

        // The outer conversation first (tshark numbers it before the inner one), then the inner packet.
        handler.OnUdpTunnel(src, dst, srcPort, dstPort, frameLength);
        if (!Payload(type, body[offset..], frameLength, depth))
        {
            handler.CountHosts(src, dst, frameLength);
        }

        return true;
    }

    /// <summary>True when the tunnel payload starts with an IP header (directly, behind Ethernet or an MPLS stack).</summary>
    private bool CarriesIp(int type, ReadOnlySpan<byte> inner)
    {
        var offset = 0;
        var version = type switch
        {
            0x0800 or 0x86DD => inner.IsEmpty ? LinkLayer.Malformed : (inner[0] >> 4) is 4 or 6 ? 4 : 0,
            0x6558 => LinkLayer.Ether(inner, 0, out offset),
            0x8847 or 0x8848 => LinkLayer.Mpls(inner, ref offset),
            _ => 0,
        };
        if (version == LinkLayer.Malformed || (type == 0x6558 && inner.Length < 14))
        {
            Malformed();
        }

        return version > 0;
    }

    /// <summary>GTP-U G-PDU (message type 255): 8-byte header, the optional sequence word and extension headers, then IP.</summary>
    private bool LocateGtp(ReadOnlySpan<byte> gtp, out int offset, out int type)
    {
        offset = 8;
        type = 0x0800;
        if (gtp.Length < 8)
        {
            return Malformed();
        }

        if ((gtp[0] >> 5) != 1 || (gtp[0] & 0x10) == 0 || gtp[1] != 255)
        {
            return false; // GTP' or signalling: not a user-plane packet
        }

        if ((gtp[0] & 0x07) == 0)
        {
            return true;
        }

        if (gtp.Length < 12)
        {
            return Malformed();
        }

        var next = gtp[11];
        offset = 12;
        for (var i = 0; next != 0; i++)
        {
            if (i == MaxGtpExtensions || offset >= gtp.Length || gtp[offset] == 0 || offset + (gtp[offset] * 4) > gtp.Length)
            {
                return Malformed();
            }

            offset += gtp[offset] * 4;
            next = gtp[offset - 1];
        }

        return true;
    }

    /// <summary>VXLAN: 8-byte header (I flag), then Ethernet.</summary>
    private bool LocateVxlan(ReadOnlySpan<byte> vxlan, out int offset, out int type)
    {
        offset = 8;
        type = 0x6558;
        if (vxlan.Length < 8)
        {
            return Malformed();
        }

        return (vxlan[0] & 0x08) != 0; // the I flag: a valid VNI follows

    }

    /// <summary>Geneve: version 0, options length in 4-byte words, then Ethernet (0x6558) or IP by the protocol type.</summary>
    private bool LocateGeneve(ReadOnlySpan<byte> geneve, out int offset, out int type)
    {
        offset = 8;
        type = 0;
        if (geneve.Length < 8)
        {
            return Malformed();
        }

        offset += (geneve[0] & 0x3F) * 4;
        type = BinaryPrimitives.ReadUInt16BigEndian(geneve[2..]);
        return ((geneve[0] >> 6) == 0 && offset <= geneve.Length) || Malformed();
    }

    /// <summary>An encapsulated payload by its EtherType: IP, Ethernet (transparent bridging) or MPLS.</summary>
    private bool Payload(int type, ReadOnlySpan<byte> inner, int frameLength, int depth) => type switch
    {
        0x0800 or 0x86DD => Ip(inner, frameLength, depth),
        0x6558 => Ethernet(inner, frameLength, depth),
        0x8847 or 0x8848 => Mpls(inner, frameLength, depth),
        _ => false,
    };

    private bool Ip(ReadOnlySpan<byte> inner, int frameLength, int depth) => inner.IsEmpty ? Malformed() : (inner[0] >> 4) switch
    {
        4 => DecodeIpv4(inner, frameLength, depth + 1),
        6 => DecodeIpv6(inner, frameLength, depth + 1),
        _ => false,
    };

    private bool Ethernet(ReadOnlySpan<byte> frame, int frameLength, int depth)
    {
        var version = LinkLayer.Ether(frame, 0, out var offset);
        if (version == LinkLayer.Malformed || (version != 0 && offset >= frame.Length) || frame.Length < 14)
        {
            return Malformed();
        }

        return version != 0 && DecodeIp(frame[offset..], version, frameLength, depth + 1);
    }

    private bool Mpls(ReadOnlySpan<byte> stack, int frameLength, int depth)
    {
        var offset = 0;
        var version = LinkLayer.Mpls(stack, ref offset);
        if (version == LinkLayer.Malformed)
        {
            return Malformed();
        }

        return version != 0 && DecodeIp(stack[offset..], version, frameLength, depth + 1);
    }

    private bool Malformed()
    {
        if (_malformedFrame != handler.Frame)
        {
            _malformedFrame = handler.Frame;
            MalformedTunnels++;
        }

        return false;
    }

    private void TooDeep()
    {
        if (_deepFrame != handler.Frame)
        {
            _deepFrame = handler.Frame;
            DeepTunnels++;
        }
    }

    /// <summary>GRE (version 0): IP, transparent Ethernet, ERSPAN type I/II (0x88BE, by the sequence flag) and III (0x22EB), MPLS.</summary>
    private bool Gre(ReadOnlySpan<byte> gre, int frameLength, int depth)
    {
        if (gre.Length < 4)
        {
            return Malformed();
        }

        var flags = gre[0];
        var type = BinaryPrimitives.ReadUInt16BigEndian(gre[2..]);
        var offset = 4 + ((flags & 0x80) != 0 ? 4 : 0) + ((flags & 0x20) != 0 ? 4 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        if ((gre[1] & 0x07) != 0)
        {
            return false;
        }

        if (offset > gre.Length)
        {
            return Malformed();
        }

        var inner = gre[offset..];
        switch (type)
        {
            case 0x88BE:
                // ERSPAN type II carries an 8-byte header and has the GRE sequence flag; type I has neither.
                var erspan = (flags & 0x10) != 0 ? 8 : 0;
                return inner.Length < erspan ? Malformed() : Ethernet(inner[erspan..], frameLength, depth);
            case 0x22EB:
                // ERSPAN type III: 12-byte header, plus an 8-byte platform sub-header when the O flag is set.
                if (inner.Length < 12)
                {
                    return Malformed();
                }

                var length = (inner[11] & 1) != 0 ? 20 : 12;
                return inner.Length < length ? Malformed() : Ethernet(inner[length..], frameLength, depth);
            default:
                return Payload(type, inner, frameLength, depth);
        }
    }
}
