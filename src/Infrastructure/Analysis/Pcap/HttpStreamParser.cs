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

    /// <summary>True when <paramref name="data"/> starts like an HTTP request line (<c>METHOD SP</c>).</summary>
    public static bool LooksLikeRequest(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length && i < 17 && (data[i] is >= (byte)'A' and <= (byte)'Z' || data[i] == (byte)'-'))
        {
            i++;
        }

        return i >= 3 && i < data.Length && data[i] == (byte)' ';
    }

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
