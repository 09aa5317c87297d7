using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Span-based pcap / pcapng record parser. It is fed the unread part of a buffer and consumes as many
/// complete records as it holds; damage (a bad length, a cut-off record) stops it with a warning, so
/// everything before the damage is kept. It never throws on file content after the first magic number.
/// </summary>
internal sealed class CaptureFileParser(IPacketSink sink)
{
    /// <summary>Wireshark's limit for one packet (WTAP_MAX_PACKET_SIZE_STANDARD).</summary>
    public const int MaxPacketLength = 262_144;

    /// <summary>Largest pcapng block accepted (a packet block plus generous options).</summary>
    public const int MaxBlockLength = 16 * 1024 * 1024;

    private const uint PcapngSectionHeader = 0x0A0D0D0A;
    private const uint ByteOrderMagic = 0x1A2B3C4D;

    private readonly List<CaptureInterface> _interfaces = [];
    private readonly List<AnalysisWarning> _warnings = [];
    private readonly HashSet<int> _linkTypes = [];
    private bool _headerRead;
    private bool _pcapng;
    private bool _bigEndian;
    private CaptureInterface? _pcapInterface;
    private CaptureTimestamp _lastTime;
    private int _skippedPackets;

    public string Kind => _pcapng ? "pcapng" : "pcap";

    public bool Stopped { get; private set; }

    public IReadOnlyList<AnalysisWarning> Warnings => _warnings;

    public IReadOnlyCollection<int> LinkTypes => _linkTypes;

    /// <summary>True when <paramref name="head"/> starts with a pcap or pcapng magic number.</summary>
    public static bool IsCaptureMagic(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
        {
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(head);
        return magic is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or PcapngSectionHeader;
    }

    /// <summary>
    /// Consumes complete records from <paramref name="data"/>. Returns the bytes consumed; <paramref name="needed"/>
    /// is the total size the next record needs (to grow the buffer), 0 when the parser stopped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Parse(ReadOnlySpan<byte> data, bool endOfStream, out int needed)
    {
        needed = 0;
        if (Stopped)
        {
            return data.Length;
        }

        var consumed = 0;
        if (!_headerRead)
        {
            var header = ReadFileHeader(data, endOfStream, out needed);
            if (!_headerRead)
            {
                return 0;
            }

            consumed = header;
        }

        while (!Stopped)
        {
            var rest = data[consumed..];
            var used = _pcapng ? ParsePcapngBlock(rest, out needed) : ParsePcapRecord(rest, out needed);
            if (used == 0)
            {
                if (endOfStream && !Stopped)
                {
                    if (rest.Length > 0)
                    {
                        Stop(TrafficWarnings.Truncated, FindingArgument.Of("bytes", ArgumentType.Bytes, rest.Length));
                    }

                    needed = 0;
                }

                break;
            }

            consumed += used;
        }

        return Stopped ? data.Length : consumed;
    }

    /// <summary>Adds end-of-file notes (skipped packets).</summary>
    public void Finish()
    {
        if (_skippedPackets > 0)
        {
            _warnings.Add(AnalysisWarning.Of(TrafficWarnings.UnknownInterface, FindingArgument.Of("packets", ArgumentType.Count, _skippedPackets)));
        }
    }

    private int ReadFileHeader(ReadOnlySpan<byte> data, bool endOfStream, out int needed)
    {
        needed = 24;
        if (data.Length < 4)
        {
            if (endOfStream)
            {
                throw new UnsupportedCaptureException("The file is too short to be a capture.");
            }

            return 0;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (magic == PcapngSectionHeader)
        {
            _pcapng = true;
            if (data.Length < 12)
            {
                if (endOfStream)
                {
                    throw new UnsupportedCaptureException("The pcapng section header is cut short.");
                }

                needed = 12;
                return 0;
            }

            var bom = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
            if (bom != ByteOrderMagic && BinaryPrimitives.ReverseEndianness(bom) != ByteOrderMagic)
            {
                throw new UnsupportedCaptureException("The pcapng section header has no valid byte-order magic.");
            }

            _headerRead = true;
            return 0; // the section header is then parsed as an ordinary block
        }

        bool nanos;
        switch (magic)
        {
            case 0xA1B2C3D4: _bigEndian = false; nanos = false; break;
            case 0xD4C3B2A1: _bigEndian = true; nanos = false; break;
            case 0xA1B23C4D: _bigEndian = false; nanos = true; break;
            case 0x4D3CB2A1: _bigEndian = true; nanos = true; break;
            default: throw new UnsupportedCaptureException("Unknown capture magic number (not pcap or pcapng).");
        }

        if (data.Length < 24)
        {
            if (endOfStream)
            {
                throw new UnsupportedCaptureException("The pcap file header is cut short.");
            }

            return 0;
        }

        var snap = (int)Math.Min(ReadU32(data[16..]), int.MaxValue);
        var link = (int)(ReadU32(data[20..]) & 0xFFFF);
        _pcapInterface = new CaptureInterface(link, snap, nanos ? 1_000_000_000UL : 1_000_000UL, 0);
        _linkTypes.Add(link);
        _headerRead = true;
        return 24;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ParsePcapRecord(ReadOnlySpan<byte> data, out int needed)
    {
        needed = 16;
        if (data.Length < 16)
        {
            return 0;
        }

        var seconds = ReadU32(data);
        var fraction = ReadU32(data[4..]);
        var captured = ReadU32(data[8..]);
        var original = ReadU32(data[12..]);
        if (captured > MaxPacketLength)
        {
            Stop(TrafficWarnings.PacketTooLarge, FindingArgument.Of("length", ArgumentType.Bytes, captured), FindingArgument.Of("max", ArgumentType.Bytes, MaxPacketLength));
            return 0;
        }

        needed = 16 + (int)captured;
        if (data.Length < needed)
        {
            return 0;
        }

        var iface = _pcapInterface!;
        var nanos = iface.TicksPerSecond == 1_000_000UL ? (long)fraction * 1000 : fraction;
        if (nanos >= 1_000_000_000L)
        {
            seconds += (uint)(nanos / 1_000_000_000L);
            nanos %= 1_000_000_000L;
        }

        var time = new CaptureTimestamp(seconds, (int)nanos);
        _lastTime = time;
        sink.OnPacket(iface.LinkType, time, (int)Math.Max(original, captured), data.Slice(16, (int)captured));
        return needed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ParsePcapngBlock(ReadOnlySpan<byte> data, out int needed)
    {
        needed = 12;
        if (data.Length < 12)
        {
            return 0;
        }

        var type = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (type == PcapngSectionHeader)
        {
            var bom = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
            if (bom == ByteOrderMagic)
            {
                _bigEndian = false;
            }
            else if (BinaryPrimitives.ReverseEndianness(bom) == ByteOrderMagic)
            {
                _bigEndian = true;
            }
            else
            {
                Stop(TrafficWarnings.NoByteOrderMagic);
                return 0;
            }
        }
        else
        {
            type = ReadU32(data);
        }

        var length = ReadU32(data[4..]);
        if (length < 12 || length % 4 != 0 || length > MaxBlockLength)
        {
            Stop(TrafficWarnings.BlockLength, BlockType(type), FindingArgument.Of("length", ArgumentType.Bytes, length));
            return 0;
        }

        needed = (int)length;
        if (data.Length < needed)
        {
            return 0;
        }

        var block = data[..needed];
        if (ReadU32(block[^4..]) != length)
        {
            Stop(TrafficWarnings.BlockLengthMismatch, BlockType(type));
            return 0;
        }

        var body = block[8..^4];
        switch (type)
        {
            case PcapngSectionHeader:
                _interfaces.Clear();
                break;
            case 1:
                ReadInterfaceBlock(body);
                break;
            case 6:
                ReadEnhancedPacket(body);
                break;
            case 2:
                ReadObsoletePacket(body);
                break;
            case 3:
                ReadSimplePacket(body);
                break;
            default:
                break; // name resolution, statistics, custom and unknown blocks are skipped
        }

        return needed;
    }

    private void ReadInterfaceBlock(ReadOnlySpan<byte> body)
    {
        if (body.Length < 8)
        {
            Stop(TrafficWarnings.BlockTooShort, FindingArgument.Of("block", ArgumentType.Text, "IDB"));
            return;
        }

        var link = ReadU16(body);
        var snap = (int)Math.Min(ReadU32(body[4..]), int.MaxValue);
        var ticks = 1_000_000UL;
        long offset = 0;
        var options = body[8..];
        while (options.Length >= 4)
        {
            var code = ReadU16(options);
            var length = ReadU16(options[2..]);
            if (code == 0 || 4 + length > options.Length)
            {
                break;
            }

            var value = options.Slice(4, length);
            if (code == 9 && length >= 1)
            {
                ticks = TicksPerSecond(value[0]);
            }
            else if (code == 14 && length >= 8)
            {
                offset = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        _interfaces.Add(new CaptureInterface(link, snap, ticks, offset));
        _linkTypes.Add(link);
    }

    private static ulong TicksPerSecond(byte resolution)
    {
        var exponent = resolution & 0x7F;
        if ((resolution & 0x80) != 0)
        {
            return exponent >= 63 ? 1UL << 62 : Math.Max(1UL, 1UL << exponent);
        }

        ulong result = 1;
        for (var i = 0; i < Math.Min(exponent, 19); i++)
        {
            result *= 10;
        }

        return result;
    }

    private void ReadEnhancedPacket(ReadOnlySpan<byte> body)
    {
        if (body.Length < 20)
        {
            Stop(TrafficWarnings.BlockTooShort, FindingArgument.Of("block", ArgumentType.Text, "EPB"));
            return;
        }

        var id = ReadU32(body);
        var ticks = ((ulong)ReadU32(body[4..]) << 32) | ReadU32(body[8..]);
        var captured = ReadU32(body[12..]);
        var original = ReadU32(body[16..]);
        Deliver(id, ticks, captured, original, body[20..]);
    }

    private void ReadObsoletePacket(ReadOnlySpan<byte> body)
    {
        if (body.Length < 20)
        {
            Stop(TrafficWarnings.BlockTooShort, FindingArgument.Of("block", ArgumentType.Text, "EPB"));
            return;
        }

        var id = ReadU16(body);
        var ticks = ((ulong)ReadU32(body[4..]) << 32) | ReadU32(body[8..]);
        var captured = ReadU32(body[12..]);
        var original = ReadU32(body[16..]);
        Deliver((uint)id, ticks, captured, original, body[20..]);
    }

    private void Deliver(uint id, ulong ticks, uint captured, uint original, ReadOnlySpan<byte> rest)
    {
        if (captured > rest.Length || captured > MaxPacketLength)
        {
            Stop(TrafficWarnings.BlockOverrun, FindingArgument.Of("captured", ArgumentType.Bytes, captured), FindingArgument.Of("held", ArgumentType.Bytes, rest.Length));
            return;
        }

        if (id >= (uint)_interfaces.Count)
        {
            _skippedPackets++;
            return;
        }

        var iface = _interfaces[(int)id];
        var (seconds, nanos) = iface.Split(ticks);
        var time = new CaptureTimestamp(seconds, nanos);
        _lastTime = time;
        sink.OnPacket(iface.LinkType, time, (int)Math.Max(original, captured), rest[..(int)captured]);
    }

    private void ReadSimplePacket(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4)
        {
            Stop(TrafficWarnings.BlockTooShort, FindingArgument.Of("block", ArgumentType.Text, "SPB"));
            return;
        }

        if (_interfaces.Count == 0)
        {
            _skippedPackets++;
            return;
        }

        var iface = _interfaces[0];
        var original = ReadU32(body);
        var available = body.Length - 4;
        var captured = (int)Math.Min(original, (uint)available);
        if (iface.SnapLength > 0)
        {
            captured = Math.Min(captured, iface.SnapLength);
        }

        // A simple packet block has no timestamp: it inherits the previous packet's time.
        sink.OnPacket(iface.LinkType, _lastTime, (int)Math.Max(original, (uint)captured), body.Slice(4, captured));
    }

    private static FindingArgument BlockType(uint type) =>
        FindingArgument.Of("type", ArgumentType.Text, string.Create(CultureInfo.InvariantCulture, $"0x{type:X}"));

    private void Stop(string code, params FindingArgument[] arguments)
    {
        Stopped = true;
        _warnings.Add(AnalysisWarning.Of(code, arguments));
    }

    private uint ReadU32(ReadOnlySpan<byte> span) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    private int ReadU16(ReadOnlySpan<byte> span) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
}
