using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Parses one DNS message: header, questions and the answer section (name compression with loop protection).</summary>
internal static class DnsMessageParser
{
    private const int MaxRecords = 256;
    private const int MaxPointerJumps = 32;
    private const int MaxNameLength = 1024;

    public readonly record struct Message(int Id, bool IsResponse, int Rcode, List<DnsQuestionRecord> Questions, List<DnsAnswerRecord> Answers);

    /// <summary>Parses header and questions; the answer section too unless <paramref name="questionsOnly"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> msg, NameTable names, bool questionsOnly, out Message message)
    {
        message = default;
        if (msg.Length < 12)
        {
            return false;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(msg);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(msg[2..]);
        int qd = BinaryPrimitives.ReadUInt16BigEndian(msg[4..]);
        int an = questionsOnly ? 0 : BinaryPrimitives.ReadUInt16BigEndian(msg[6..]);
        var questions = new List<DnsQuestionRecord>(Math.Min(qd, 4));
        var answers = an == 0 ? Empty : new List<DnsAnswerRecord>(Math.Min(an, 8));
        var offset = 12;
        for (var i = 0; i < qd && i < MaxRecords; i++)
        {
            if (!TryReadName(msg, names, ref offset, out var name) || offset + 4 > msg.Length)
            {
                break;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(msg[offset..]);
            offset += 4;
            questions.Add(new DnsQuestionRecord(name, TypeName(type), type));
        }

        for (var i = 0; i < an && i < MaxRecords; i++)
        {
            if (!TryReadName(msg, names, ref offset, out var name) || offset + 10 > msg.Length)
            {
                break;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(msg[offset..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(msg[(offset + 8)..]);
            var dataOffset = offset + 10;
            if (dataOffset + length > msg.Length)
            {
                break;
            }

            answers.Add(new DnsAnswerRecord(name, TypeName(type), type, Value(msg, names, type, dataOffset, length)));
            offset = dataOffset + length;
        }

        message = new Message(id, (flags & 0x8000) != 0, flags & 0xF, questions, answers);
        return true;
    }

    private static readonly List<DnsAnswerRecord> Empty = [];

    private const int MaxHexBytes = 64;

    /// <summary>
    /// The record's data as an analyst reads it: addresses, names, MX/SRV/SOA fields, TXT strings; other types as
    /// hex (at most <see cref="MaxHexBytes"/> bytes, then "…"); OPT and empty data as <c>null</c>.
    /// </summary>
    private static string? Value(ReadOnlySpan<byte> msg, NameTable names, int type, int offset, int length)
    {
        var data = msg.Slice(offset, length);
        var at = offset;
        switch (type)
        {
            case 1 when length == 4:
                return $"{data[0]}.{data[1]}.{data[2]}.{data[3]}";
            case 28 when length == 16:
                return new IPAddress(data).ToString();
            case 2 or 3 or 4 or 5 or 7 or 8 or 9 or 12 or 39:
                return TryReadName(msg, names, ref at, out var target) ? target : null;
            case 15 when length >= 3:
                at += 2;
                return TryReadName(msg, names, ref at, out var exchange)
                    ? $"{BinaryPrimitives.ReadUInt16BigEndian(data)} {exchange}"
                    : null;
            case 33 when length >= 7:
                at += 6;
                return TryReadName(msg, names, ref at, out var srvTarget)
                    ? $"{BinaryPrimitives.ReadUInt16BigEndian(data)} {BinaryPrimitives.ReadUInt16BigEndian(data[2..])} {BinaryPrimitives.ReadUInt16BigEndian(data[4..])} {srvTarget}"
                    : null;
            case 6:
                if (!TryReadName(msg, names, ref at, out var mname) || !TryReadName(msg, names, ref at, out var rname)
                    || at + 20 > offset + length)
                {
                    return null;
                }

                var numbers = msg.Slice(at, 20);
                return string.Join(' ', mname, rname,
                    BinaryPrimitives.ReadUInt32BigEndian(numbers), BinaryPrimitives.ReadUInt32BigEndian(numbers[4..]),
                    BinaryPrimitives.ReadUInt32BigEndian(numbers[8..]), BinaryPrimitives.ReadUInt32BigEndian(numbers[12..]),
                    BinaryPrimitives.ReadUInt32BigEndian(numbers[16..]));
            case 16 or 99:
                return CharacterStrings(data);
            case 41:
                return null;
            default:
                return length == 0 ? null : Hex(data);
        }
    }

    /// <summary>TXT data: its character-strings separated by a space, non-printable bytes as <c>\ddd</c>.</summary>
    private static string? CharacterStrings(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder(data.Length);
        while (!data.IsEmpty)
        {
            int length = data[0];
            if (length + 1 > data.Length)
            {
                return null;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            foreach (var b in data.Slice(1, length))
            {
                if (b is >= 0x20 and < 0x7F)
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append('\\').Append(((int)b).ToString("D3", CultureInfo.InvariantCulture));
                }
            }

            data = data[(length + 1)..];
        }

        return text.ToString();
    }

    private static string Hex(ReadOnlySpan<byte> data) =>
        data.Length <= MaxHexBytes ? Convert.ToHexStringLower(data) : Convert.ToHexStringLower(data[..MaxHexBytes]) + "…";

    /// <summary>The text of the name being read (one per thread; a stackalloc of this size was zeroed for every name).</summary>
    [ThreadStatic]
    private static char[]? _nameBuffer;

    /// <summary>Reads a possibly compressed name; the root is <c>&lt;Root&gt;</c> as in Wireshark.</summary>
    public static bool TryReadName(ReadOnlySpan<byte> msg, NameTable names, ref int offset, out string name)
    {
        name = string.Empty;
        var buffer = _nameBuffer ??= new char[MaxNameLength + 8];
        var written = 0;
        var position = offset;
        var jumps = 0;
        var end = -1;
        while (true)
        {
            if (position >= msg.Length)
            {
                return false;
            }

            int length = msg[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= msg.Length || ++jumps > MaxPointerJumps)
                {
                    return false;
                }

                if (end < 0)
                {
                    end = position + 2;
                }

                position = ((length & 0x3F) << 8) | msg[position + 1];
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                return false; // extended label types are not supported
            }

            position++;
            if (length == 0)
            {
                break;
            }

            if (position + length > msg.Length || written + 1 + (length * 4) > MaxNameLength)
            {
                return false;
            }

            if (written > 0)
            {
                buffer[written++] = '.';
            }

            foreach (var b in msg.Slice(position, length))
            {
                if (b is >= 0x21 and < 0x7F)
                {
                    buffer[written++] = (char)b;
                }
                else
                {
                    buffer[written++] = '\\';
                    buffer[written++] = (char)('0' + (b / 100));
                    buffer[written++] = (char)('0' + (b / 10 % 10));
                    buffer[written++] = (char)('0' + (b % 10));
                }
            }

            position += length;
        }

        offset = end >= 0 ? end : position;
        name = written == 0 ? "<Root>" : names.Get(buffer.AsSpan(0, written));
        return true;
    }

    /// <summary>
    /// The IANA mnemonic of a record type ("Resource Record (RR) TYPEs" registry, every assigned type; ANY for 255, as
    /// tshark); unassigned numbers as <c>TYPEnnn</c>. A switch, not a frozen dictionary: nothing to build at start.
    /// </summary>
    public static string TypeName(int type) => type switch
    {
        1 => "A", 2 => "NS", 3 => "MD", 4 => "MF", 5 => "CNAME", 6 => "SOA", 7 => "MB", 8 => "MG", 9 => "MR",
        10 => "NULL", 11 => "WKS", 12 => "PTR", 13 => "HINFO", 14 => "MINFO", 15 => "MX", 16 => "TXT", 17 => "RP",
        18 => "AFSDB", 19 => "X25", 20 => "ISDN", 21 => "RT", 22 => "NSAP", 23 => "NSAP-PTR", 24 => "SIG",
        25 => "KEY", 26 => "PX", 27 => "GPOS", 28 => "AAAA", 29 => "LOC", 30 => "NXT", 31 => "EID", 32 => "NIMLOC",
        33 => "SRV", 34 => "ATMA", 35 => "NAPTR", 36 => "KX", 37 => "CERT", 38 => "A6", 39 => "DNAME",
        40 => "SINK", 41 => "OPT", 42 => "APL", 43 => "DS", 44 => "SSHFP", 45 => "IPSECKEY", 46 => "RRSIG",
        47 => "NSEC", 48 => "DNSKEY", 49 => "DHCID", 50 => "NSEC3", 51 => "NSEC3PARAM", 52 => "TLSA",
        53 => "SMIMEA", 55 => "HIP", 56 => "NINFO", 57 => "RKEY", 58 => "TALINK", 59 => "CDS", 60 => "CDNSKEY",
        61 => "OPENPGPKEY", 62 => "CSYNC", 63 => "ZONEMD", 64 => "SVCB", 65 => "HTTPS", 66 => "DSYNC",
        67 => "HHIT", 68 => "BRID", 99 => "SPF", 100 => "UINFO", 101 => "UID", 102 => "GID", 103 => "UNSPEC",
        104 => "NID", 105 => "L32", 106 => "L64", 107 => "LP", 108 => "EUI48", 109 => "EUI64", 128 => "NXNAME",
        249 => "TKEY", 250 => "TSIG", 251 => "IXFR", 252 => "AXFR", 253 => "MAILB", 254 => "MAILA", 255 => "ANY",
        256 => "URI", 257 => "CAA", 258 => "AVC", 259 => "DOA", 260 => "AMTRELAY", 261 => "RESINFO",
        262 => "WALLET", 263 => "CLA", 264 => "IPN", 32768 => "TA", 32769 => "DLV",
        _ => $"TYPE{type}",
    };
}
