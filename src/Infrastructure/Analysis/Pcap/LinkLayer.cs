using System.Buffers.Binary;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Finds the network-layer header behind the supported link types.</summary>
internal static class LinkLayer
{
    public const int Null = 0;
    public const int Ethernet = 1;
    public const int Ppp = 9;
    public const int PppHdlc = 50;
    public const int Raw = 101;
    public const int Loop = 108;
    public const int LinuxSll = 113;
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int LinuxSll2 = 276;
    public const int Nflog = 239;

    /// <summary>Returned by <see cref="FindNetwork"/> for a cut or inconsistent encapsulation (MPLS stack, NFLOG TLV).</summary>
    public const int Malformed = -1;

    /// <summary>More MPLS labels than any real network stacks: the stack is treated as never ending.</summary>
    public const int MaxMplsLabels = 16;

    public static string Name(int linkType) => linkType switch
    {
        Null => "null",
        Ethernet => "ether",
        Ppp => "ppp",
        PppHdlc => "ppp-hdlc",
        Raw or 12 or 14 => "rawip",
        Loop => "loop",
        LinuxSll => "linux-sll",
        Ipv4 => "rawip4",
        Ipv6 => "rawip6",
        LinuxSll2 => "linux-sll2",
        Nflog => "nflog",
        _ => $"linktype-{linkType}",
    };

    /// <summary>
    /// Returns the IP version (4 or 6) of the payload at <paramref name="offset"/>, 0 when it is not IP, or
    /// <see cref="Malformed"/> when an encapsulation is cut or inconsistent.
    /// </summary>
    public static int FindNetwork(int linkType, ReadOnlySpan<byte> frame, out int offset)
    {
        offset = 0;
        switch (linkType)
        {
            case Ethernet:
                return Ether(frame, 0, out offset);
            case LinuxSll:
                if (frame.Length < 16)
                {
                    return 0;
                }

                offset = 16;
                return EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), frame, ref offset);
            case LinuxSll2:
                if (frame.Length < 20)
                {
                    return 0;
                }

                offset = 20;
                return EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), frame, ref offset);
            case Raw or 12 or 14:
                return frame.Length > 0 ? VersionNibble(frame[0]) : 0;
            case Ipv4:
                return 4;
            case Ipv6:
                return 6;
            case Null or Loop:
                if (frame.Length < 4)
                {
                    return 0;
                }

                offset = 4;
                var family = linkType == Loop || frame[0] == 0
                    ? BinaryPrimitives.ReadUInt32BigEndian(frame)
                    : BinaryPrimitives.ReadUInt32LittleEndian(frame);
                return family switch
                {
                    2 => 4,
                    10 or 23 or 24 or 28 or 30 => 6,
                    _ => 0,
                };
            case Ppp or PppHdlc:
                return PppPayload(frame, 0, out offset);
            case Nflog:
                return NflogPayload(frame, out offset);
            default:
                return 0;
        }
    }

    /// <summary>An Ethernet frame starting at <paramref name="start"/> (tunnelled Ethernet: VXLAN, Geneve, GRE TEB, ERSPAN).</summary>
    public static int Ether(ReadOnlySpan<byte> frame, int start, out int offset)
    {
        offset = start + 14;
        if (frame.Length < offset)
        {
            return 0;
        }

        return EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[(start + 12)..]), frame, ref offset);
    }

    private static int EtherType(int type, ReadOnlySpan<byte> frame, ref int offset)
    {
        // 802.1Q, 802.1ad (QinQ) and the old QinQ ethertypes: skip each 4-byte tag.
        var tags = 0;
        while (type is 0x8100 or 0x88A8 or 0x9100 or 0x9200 && tags++ < 8)
        {
            if (frame.Length < offset + 4)
            {
                return 0;
            }

            type = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }

        switch (type)
        {
            case 0x0800:
                return 4;
            case 0x86DD:
                return 6;
            case 0x8864: // PPPoE session: 6-byte header, then the PPP protocol
                offset += 6;
                return PppPayload(frame, offset, out offset);
            case 0x8847 or 0x8848:
                return Mpls(frame, ref offset);
            default:
                return 0;
        }
    }

    /// <summary>
    /// Skips an MPLS label stack up to the bottom-of-stack label; the payload's IP version comes from its first nibble.
    /// A stack cut by the frame end or longer than <see cref="MaxMplsLabels"/> is <see cref="Malformed"/>.
    /// </summary>
    public static int Mpls(ReadOnlySpan<byte> frame, ref int offset)
    {
        for (var labels = 0; labels < MaxMplsLabels; labels++)
        {
            if (frame.Length < offset + 4)
            {
                return Malformed;
            }

            var bottom = (frame[offset + 2] & 1) != 0;
            offset += 4;
            if (bottom)
            {
                return frame.Length > offset ? VersionNibble(frame[offset]) : Malformed;
            }
        }

        return Malformed;
    }

    /// <summary>
    /// NFLOG (Linux netfilter log): a 4-byte header (address family first), then TLVs with host-order (little-endian)
    /// length and type, padded to 4 bytes; the packet is the NFULA_PAYLOAD (type 9) value.
    /// </summary>
    private static int NflogPayload(ReadOnlySpan<byte> frame, out int offset)
    {
        offset = 4;
        if (frame.Length < offset)
        {
            return Malformed;
        }

        while (offset + 4 <= frame.Length)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(frame[offset..]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(frame[(offset + 2)..]) & 0x7FFF;
            if (length < 4 || offset + length > frame.Length)
            {
                return Malformed;
            }

            if (type == 9)
            {
                offset += 4;
                return length > 4 ? VersionNibble(frame[offset]) : 0;
            }

            offset += (length + 3) & ~3;
        }

        return 0;
    }

    private static int PppPayload(ReadOnlySpan<byte> frame, int start, out int offset)
    {
        offset = start;
        if (frame.Length >= offset + 2 && frame[offset] == 0xFF && frame[offset + 1] == 0x03)
        {
            offset += 2;
        }

        if (frame.Length < offset + 1)
        {
            return 0;
        }

        int protocol;
        if ((frame[offset] & 1) == 1)
        {
            protocol = frame[offset];
            offset += 1;
        }
        else
        {
            if (frame.Length < offset + 2)
            {
                return 0;
            }

            protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            offset += 2;
        }

        return protocol switch
        {
            0x21 => 4,
            0x57 => 6,
            _ => 0,
        };
    }

    private static int VersionNibble(byte first) => (first >> 4) switch
    {
        4 => 4,
        6 => 6,
        _ => 0,
    };
}
