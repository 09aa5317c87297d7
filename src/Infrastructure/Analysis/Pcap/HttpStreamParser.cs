using System.Globalization;
using System.Text;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// HTTP/1.x over one TCP direction: requests (client) or responses (server). Headers are reassembled in a
/// bounded buffer; bodies are skipped by Content-Length or chunked framing so pipelined messages are found.
/// A request is reported at the frame that completes it (headers and body), as Wireshark does.
/// </summary>
internal sealed class HttpStreamParser(bool requests) : StreamConsumer
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

    public override void Consume(ReadOnlySpan<byte> data, bool segmentStart, TrafficSession session, Flow flow, bool fromA)
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
                    data = ConsumeHeaders(data, session, flow, fromA);
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
                            Complete(session, flow, fromA);
                        }
                        else
                        {
                            _state = State.ChunkSize;
                        }
                    }

                    break;
                case State.ChunkSize:
                case State.Trailer:
                    data = ConsumeLine(data, session, flow, fromA);
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

    private ReadOnlySpan<byte> ConsumeHeaders(ReadOnlySpan<byte> data, TrafficSession session, Flow flow, bool fromA)
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
        ParseHeader(text[..headerLength], session, flow, fromA);
        var usedFromData = headerLength - before;
        _buffer.Clear();
        _scanFrom = 0;
        return data[usedFromData..];
    }

    private ReadOnlySpan<byte> ConsumeLine(ReadOnlySpan<byte> data, TrafficSession session, Flow flow, bool fromA)
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
            Complete(session, flow, fromA);
        }

        return data;
    }

    private void ParseHeader(ReadOnlySpan<byte> block, TrafficSession session, Flow flow, bool fromA)
    {
        var text = Encoding.Latin1.GetString(block);
        var lines = text.Split('\n');
        var first = lines[0].TrimEnd('\r');
        string? host = null, agent = null, authorization = null;
        long? length = null;
        var chunked = false;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                host ??= value;
            }
            else if (name.Equals("user-agent", StringComparison.OrdinalIgnoreCase))
            {
                agent ??= value;
            }
            else if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                length = n;
            }
            else if (name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
                && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
            else if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = value;
            }
        }

        var parts = first.Split(' ', 3);
        bool hasBody;
        if (requests)
        {
            var method = parts[0];
            var uri = parts.Length > 1 ? parts[1] : string.Empty;
            _message = new HttpMessage(method, uri, host, agent);
            if (authorization is not null)
            {
                session.OnHttpAuthorization(flow, fromA, authorization, host);
            }

            hasBody = chunked || length > 0;
        }
        else
        {
            var status = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
            var requestMethod = session.OnHttpResponse(flow, fromA, status);
            var bodiless = requestMethod == "HEAD" || status is (>= 100 and < 200) or 204 or 304;
            hasBody = !bodiless && (chunked || length is null or > 0);
            _message = default;
        }

        if (!hasBody)
        {
            Complete(session, flow, fromA);
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

    private void Complete(TrafficSession session, Flow flow, bool fromA)
    {
        if (requests && _message.Method is not null)
        {
            session.OnHttpRequest(flow, fromA, _message.Method, _message.Uri, _message.Host, _message.UserAgent);
        }

        _message = default;
        _state = State.Headers;
    }

    private readonly record struct HttpMessage(string Method, string Uri, string? Host, string? UserAgent);
}
