using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Decodes a captured frame down to its transport header: link layer, IPv4/IPv6 (extension headers, fragments
/// reassembled on the frame that completes the datagram), IP-in-IP, 6in4 and GRE tunnels. Span-based, no
/// allocation per packet; hands TCP and UDP to the <see cref="ITransportHandler"/>.
/// </summary>
internal sealed class PacketDecoder(ITransportHandler handler)
{
    private readonly FragmentReassembler _reassembler = new();

    /// <summary>IPv4 / IPv6 fragments seen.</summary>
    public long Fragments => _fragments;

    /// <summary>Packets cut inside their IP header (snap length).</summary>
    public long TruncatedHeaders => _truncatedHeaders;

    /// <summary>True while a reassembled datagram is analysed: its fragments' frames were already counted for the hosts.</summary>
    public bool Reassembled { get; private set; }

    private long _fragments;
    private long _truncatedHeaders;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decode(int linkType, ReadOnlySpan<byte> data, int originalLength)
    {
        var version = LinkLayer.FindNetwork(linkType, data, out var offset);
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
                handler.OnUdp(src, dst, payload, reported, frameLength);
                return true;
            case 4 when depth < 4:
                if (DecodeIpv4(payload, frameLength, depth + 1))
                {
                    return true;
                }

                break;
            case 41 when depth < 4:
                if (DecodeIpv6(payload, frameLength, depth + 1))
                {
                    return true;
                }

                break;
            case 47 when depth < 4:
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

    private bool Gre(ReadOnlySpan<byte> gre, int frameLength, int depth)
    {
        if (gre.Length < 4)
        {
            return false;
        }

        var flags = gre[0];
        var type = BinaryPrimitives.ReadUInt16BigEndian(gre[2..]);
        var offset = 4 + ((flags & 0x80) != 0 ? 4 : 0) + ((flags & 0x20) != 0 ? 4 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        if ((gre[1] & 0x07) != 0 || offset > gre.Length)
        {
            return false;
        }

        return type switch
        {
            0x0800 => DecodeIpv4(gre[offset..], frameLength, depth + 1),
            0x86DD => DecodeIpv6(gre[offset..], frameLength, depth + 1),
            _ => false,
        };
    }
}
