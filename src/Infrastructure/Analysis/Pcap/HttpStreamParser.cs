using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// HTTP/1.x over one TCP direction: requests (client) or responses (server). Headers are reassembled in a
/// bounded buffer; bodies are skipped by Content-Length or chunked framing so pipelined messages are found.
/// A request is reported at the frame that completes it (headers and body), as Wireshark does.
/// </summary>
internal sealed class HttpStreamParser(bool requests, IHttpEvents events) : StreamConsumer
{
    public const int MaxHeaderBytes = 32 * 1024;

    private readonly BoundedBuffer _buffer = new(MaxHeaderBytes);
    private State _state = State.Headers;
    private long _remaining;
    private int _scanFrom;
    private HttpMessage _message;

    private enum State
    {
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        Trailer,
        UntilClose,
        Resync,
    }

    private const int MaxMethodLength = 32;
    private const int MaxTargetScan = 8192;

    /// <summary>
    /// True when <paramref name="data"/> starts with an HTTP/1.x request line: any RFC 7230 method token, SP, a
    /// request-target of visible characters, SP, <c>HTTP/d.d</c> and the line end (so CONNECT, PROPFIND or a custom
    /// token all count, binary data does not). A request line cut by the end of the segment counts when what is there
    /// fits and the method is a conventional upper-case token of at least three characters. The HTTP/2 connection
    /// preface (<c>PRI * HTTP/2.0</c>) is not a request.
    /// </summary>
    public static bool LooksLikeRequest(ReadOnlySpan<byte> data)
    {
        var i = 0;
        var conventional = true;
        while (i < data.Length && i <= MaxMethodLength && IsTokenChar(data[i]))
        {
            conventional &= data[i] is >= (byte)'A' and <= (byte)'Z' or (byte)'-' or (byte)'_';
            i++;
        }

        if (i == 0 || i > MaxMethodLength)
        {
            return false;
        }

        conventional &= i >= 3;
        if (i == data.Length)
        {
            return conventional;
        }

        if (data[i] != (byte)' ')
        {
            return false;
        }

        var targetStart = ++i;
        while (i < data.Length && i - targetStart < MaxTargetScan && data[i] is > 0x20 and < 0x7F)
        {
            i++;
        }

        if (i == data.Length)
        {
            return conventional;
        }

        if (i == targetStart || data[i] != (byte)' ')
        {
            return false;
        }

        var version = data[(i + 1)..];
        ReadOnlySpan<byte> prefix = "HTTP/"u8;
        if (version.Length < prefix.Length + 3)
        {
            return conventional && prefix.StartsWith(version[..Math.Min(version.Length, prefix.Length)]);
        }

        if (!version.StartsWith(prefix) || !char.IsAsciiDigit((char)version[5]) || version[6] != (byte)'.' || !char.IsAsciiDigit((char)version[7]))
        {
            return false;
        }

        var rest = version[8..];
        var lineEnd = rest.IsEmpty ? conventional : rest[0] == (byte)'\n' || (rest[0] == (byte)'\r' && (rest.Length == 1 || rest[1] == (byte)'\n'));
        return lineEnd && !(version[5] == (byte)'2' && data.StartsWith("PRI * "u8));
    }

    /// <summary>RFC 7230 tchar.</summary>
    private static bool IsTokenChar(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\''
            or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';

    public static bool LooksLikeResponse(ReadOnlySpan<byte> data) => data.StartsWith("HTTP/1."u8);

    public override void Consume(ReadOnlySpan<byte> data, bool segmentStart, Flow flow, bool fromA)
    {
        if (_state == State.Resync)
        {
            if (!segmentStart || !(requests ? LooksLikeRequest(data) : LooksLikeResponse(data)))
            {
                return;
            }

            _state = State.Headers;
        }

        while (!data.IsEmpty && !Done)
        {
            switch (_state)
            {
                case State.Headers:
                    data = ConsumeHeaders(data, flow, fromA);
                    break;
                case State.Body:
                case State.ChunkData:
                    var skip = (int)Math.Min(_remaining, data.Length);
                    data = data[skip..];
                    _remaining -= skip;
                    if (_remaining == 0)
                    {
                        if (_state == State.Body)
                        {
                            Complete(flow, fromA);
                        }
                        else
                        {
                            _state = State.ChunkSize;
                        }
                    }

                    break;
                case State.ChunkSize:
                case State.Trailer:
                    data = ConsumeLine(data, flow, fromA);
                    break;
                case State.UntilClose:
                    return;
                case State.Resync:
                    return;
            }
        }
    }

    public override void OnGap()
    {
        _buffer.Clear();
        _scanFrom = 0;
        _state = State.Resync;
    }

    public override void Release() => _buffer.Release();

    private ReadOnlySpan<byte> ConsumeHeaders(ReadOnlySpan<byte> data, Flow flow, bool fromA)
    {
        if (_buffer.Length == 0 && !(requests ? LooksLikeRequest(data) : LooksLikeResponse(data)))
        {
            _state = State.Resync;
            return [];
        }

        var before = _buffer.Length;
        var taken = _buffer.Append(data);
        var text = _buffer.Span;
        var end = text[_scanFrom..].IndexOf("\r\n\r\n"u8);
        var terminator = 4;
        if (end < 0)
        {
            var bare = text[_scanFrom..].IndexOf("\n\n"u8);
            if (bare >= 0)
            {
                end = bare;
                terminator = 2;
            }
        }

        if (end < 0)
        {
            if (taken < data.Length)
            {
                // Header block larger than the reassembly limit: give up on this direction.
                _buffer.Release();
                Done = true;
                return [];
            }

            _scanFrom = Math.Max(0, _buffer.Length - 3);
            return [];
        }

        var headerLength = _scanFrom + end + terminator;
        ParseHeader(text[..headerLength], flow, fromA);
        var usedFromData = headerLength - before;
        _buffer.Clear();
        _scanFrom = 0;
        return data[usedFromData..];
    }

    private ReadOnlySpan<byte> ConsumeLine(ReadOnlySpan<byte> data, Flow flow, bool fromA)
    {
        var newline = data.IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (_buffer.Append(data) < data.Length)
            {
                Done = true;
            }

            return [];
        }

        _buffer.Append(data[..newline]);
        var line = Encoding.Latin1.GetString(_buffer.Span).Trim();
        _buffer.Clear();
        data = data[(newline + 1)..];
        if (_state == State.ChunkSize)
        {
            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            var hex = semicolon >= 0 ? line[..semicolon] : line;
            if (!long.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                _state = State.Resync;
                return [];
            }

            if (size == 0)
            {
                _state = State.Trailer;
            }
            else
            {
                _remaining = size + 2;
                _state = State.ChunkData;
            }
        }
        else if (line.Length == 0)
        {
            Complete(flow, fromA);
        }

        return data;
    }

    private void ParseHeader(ReadOnlySpan<byte> block, Flow flow, bool fromA)
    {
        var newline = block.IndexOf((byte)'\n');
        var first = TrimLine(newline < 0 ? block : block[..newline]);
        var rest = newline < 0 ? [] : block[(newline + 1)..];
        string? host = null, agent = null, authorization = null;
        long? length = null;
        var chunked = false;
        while (!rest.IsEmpty)
        {
            newline = rest.IndexOf((byte)'\n');
            var line = TrimLine(newline < 0 ? rest : rest[..newline]);
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim((byte)' ');
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                host ??= Encoding.Latin1.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "user-agent"u8))
            {
                agent ??= Encoding.Latin1.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "content-length"u8)
                && Utf8Parser.TryParse(value, out long n, out var used) && used == value.Length && n >= 0)
            {
                length = n;
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8)
                && Encoding.Latin1.GetString(value).Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "authorization"u8))
            {
                authorization = Encoding.Latin1.GetString(value);
            }
        }

        var space = first.IndexOf((byte)' ');
        var afterMethod = space < 0 ? [] : first[(space + 1)..];
        var secondSpace = afterMethod.IndexOf((byte)' ');
        var target = secondSpace < 0 ? afterMethod : afterMethod[..secondSpace];
        bool hasBody;
        if (requests)
        {
            var method = Encoding.Latin1.GetString(space < 0 ? first : first[..space]);
            var uri = Encoding.Latin1.GetString(target);
            _message = new HttpMessage(method, uri, host, agent);
            if (authorization is not null)
            {
                events.OnHttpAuthorization(flow, fromA, authorization, host);
            }

            hasBody = chunked || length > 0;
        }
        else
        {
            var status = Utf8Parser.TryParse(target, out int code, out var used) && used == target.Length ? code : 0;
            var requestMethod = events.OnHttpResponse(flow, fromA, status);
            var bodiless = requestMethod == "HEAD" || status is (>= 100 and < 200) or 204 or 304;
            hasBody = !bodiless && (chunked || length is null or > 0);
            _message = default;
        }

        if (!hasBody)
        {
            Complete(flow, fromA);
        }
        else if (chunked)
        {
            _state = State.ChunkSize;
        }
        else if (length is { } bytes)
        {
            _remaining = bytes;
            _state = State.Body;
        }
        else
        {
            _state = State.UntilClose;
        }
    }

    private void Complete(Flow flow, bool fromA)
    {
        if (requests && _message.Method is not null)
        {
            events.OnHttpRequest(flow, fromA, _message.Method, _message.Uri, _message.Host, _message.UserAgent);
        }

        _message = default;
        _state = State.Headers;
    }

    private static ReadOnlySpan<byte> TrimLine(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private readonly record struct HttpMessage(string Method, string Uri, string? Host, string? UserAgent);
}
