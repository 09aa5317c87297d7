using System.Buffers.Binary;
using System.Net;
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

    private static string? Value(ReadOnlySpan<byte> msg, NameTable names, int type, int offset, int length)
    {
        switch (type)
        {
            case 1 when length == 4:
                return $"{msg[offset]}.{msg[offset + 1]}.{msg[offset + 2]}.{msg[offset + 3]}";
            case 28 when length == 16:
                return new IPAddress(msg.Slice(offset, 16)).ToString();
            case 5 or 2 or 12:
                var at = offset;
                return TryReadName(msg, names, ref at, out var target) ? target : null;
            default:
                return null;
        }
    }

    /// <summary>Reads a possibly compressed name; the root is <c>&lt;Root&gt;</c> as in Wireshark.</summary>
    public static bool TryReadName(ReadOnlySpan<byte> msg, NameTable names, ref int offset, out string name)
    {
        name = string.Empty;
        Span<char> buffer = stackalloc char[MaxNameLength + 8];
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
        name = written == 0 ? "<Root>" : names.Get(buffer[..written]);
        return true;
    }

    public static string TypeName(int type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        13 => "HINFO",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        35 => "NAPTR",
        41 => "OPT",
        43 => "DS",
        46 => "RRSIG",
        47 => "NSEC",
        48 => "DNSKEY",
        64 => "SVCB",
        65 => "HTTPS",
        99 => "SPF",
        252 => "AXFR",
        255 => "ANY",
        257 => "CAA",
        _ => $"TYPE{type}",
    };
}
