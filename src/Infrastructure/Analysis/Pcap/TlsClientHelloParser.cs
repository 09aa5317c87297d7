using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Reassembles the first TLS handshake message of a client direction (across records and TCP segments,
/// bounded) and reports a ClientHello's SNI and JA3.
/// </summary>
internal sealed class TlsClientHelloParser(ITlsEvents events) : StreamConsumer
{
    public const int MaxHelloBytes = 64 * 1024;

    private readonly BoundedBuffer _records = new(MaxHelloBytes + 5);
    private readonly BoundedBuffer _handshake = new(MaxHelloBytes);

    /// <summary>A TLS handshake record header: content type 22, version 3.x.</summary>
    public static bool LooksLikeHandshake(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 0x16 && data[1] == 0x03 && data[2] <= 0x04;

    public override void Consume(ReadOnlySpan<byte> data, bool segmentStart, Flow flow, bool fromA)
    {
        if (_records.Append(data) < data.Length && _records.Length < 5)
        {
            Finish();
            return;
        }

        while (_records.Length >= 5)
        {
            var header = _records.Span;
            if (header[0] != 0x16)
            {
                Finish();
                return;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
            if (_records.Length < 5 + length)
            {
                if (_records.Length >= _records.Limit)
                {
                    Finish();
                }

                return;
            }

            _handshake.Append(header.Slice(5, length));
            _records.Discard(5 + length);
            var hs = _handshake.Span;
            if (hs.Length >= 4)
            {
                if (hs[0] != 1)
                {
                    Finish();
                    return;
                }

                var messageLength = (hs[1] << 16) | (hs[2] << 8) | hs[3];
                if (messageLength > MaxHelloBytes - 4)
                {
                    Finish();
                    return;
                }

                if (hs.Length >= 4 + messageLength)
                {
                    if (TryParseClientHello(hs.Slice(4, messageLength), out var sni, out var ja3))
                    {
                        events.OnTlsClientHello(flow, fromA, sni, ja3);
                    }

                    Finish();
                    return;
                }
            }
        }
    }

    public override void OnGap() => Finish();

    public override void Release()
    {
        _records.Release();
        _handshake.Release();
    }

    /// <summary>Parses a ClientHello body; <paramref name="ja3"/> is the JA3 string (GREASE removed).</summary>
    public static bool TryParseClientHello(ReadOnlySpan<byte> body, out string? sni, out string ja3)
    {
        sni = null;
        ja3 = string.Empty;
        if (body.Length < 38)
        {
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(body);
        var offset = 34;
        var sessionLength = body[offset];
        offset += 1 + sessionLength;
        if (offset + 2 > body.Length)
        {
            return false;
        }

        var cipherLength = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
        offset += 2;
        if (offset + cipherLength > body.Length)
        {
            return false;
        }

        var ciphers = new List<int>(cipherLength / 2);
        for (var i = 0; i + 1 < cipherLength; i += 2)
        {
            AddUnlessGrease(ciphers, BinaryPrimitives.ReadUInt16BigEndian(body[(offset + i)..]));
        }

        offset += cipherLength;
        if (offset + 1 > body.Length)
        {
            return false;
        }

        offset += 1 + body[offset];
        var extensions = new List<int>();
        var groups = new List<int>();
        var formats = new List<int>();
        if (offset + 2 <= body.Length)
        {
            var extensionsEnd = Math.Min(body.Length, offset + 2 + BinaryPrimitives.ReadUInt16BigEndian(body[offset..]));
            offset += 2;
            while (offset + 4 <= extensionsEnd)
            {
                var type = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
                var length = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
                offset += 4;
                if (offset + length > extensionsEnd)
                {
                    break;
                }

                var value = body.Slice(offset, length);
                offset += length;
                AddUnlessGrease(extensions, type);
                switch (type)
                {
                    case 0:
                        sni ??= ServerName(value);
                        break;
                    case 10 when value.Length >= 2:
                        var listLength = Math.Min(value.Length - 2, BinaryPrimitives.ReadUInt16BigEndian(value));
                        for (var i = 0; i + 1 < listLength; i += 2)
                        {
                            AddUnlessGrease(groups, BinaryPrimitives.ReadUInt16BigEndian(value[(2 + i)..]));
                        }

                        break;
                    case 11 when value.Length >= 1:
                        for (var i = 0; i < value[0] && 1 + i < value.Length; i++)
                        {
                            formats.Add(value[1 + i]);
                        }

                        break;
                    default:
                        break;
                }
            }
        }

        ja3 = string.Create(CultureInfo.InvariantCulture,
            $"{version},{string.Join('-', ciphers)},{string.Join('-', extensions)},{string.Join('-', groups)},{string.Join('-', formats)}");
        return true;
    }

    public static string Ja3Hash(string ja3) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(ja3)));

    private static string? ServerName(ReadOnlySpan<byte> value)
    {
        if (value.Length < 5)
        {
            return null;
        }

        var end = Math.Min(value.Length, 2 + BinaryPrimitives.ReadUInt16BigEndian(value));
        var offset = 2;
        while (offset + 3 <= end)
        {
            var type = value[offset];
            var length = BinaryPrimitives.ReadUInt16BigEndian(value[(offset + 1)..]);
            offset += 3;
            if (offset + length > end)
            {
                return null;
            }

            if (type == 0)
            {
                return Encoding.ASCII.GetString(value.Slice(offset, length));
            }

            offset += length;
        }

        return null;
    }

    private static void AddUnlessGrease(List<int> list, int value)
    {
        if ((value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF))
        {
            return;
        }

        list.Add(value);
    }

    private void Finish()
    {
        Done = true;
        Release();
    }
}
