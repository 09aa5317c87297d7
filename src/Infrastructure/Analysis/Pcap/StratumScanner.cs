using System.Text;
using System.Text.Json;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Finds mining JSON-RPC messages (stratum <c>mining.*</c>, XMRig/Monero <c>login</c>/<c>submit</c>/<c>job</c>,
/// <c>getwork</c>, <c>getblocktemplate</c>, <c>eth_*</c>) in a TCP segment, on any port and inside HTTP bodies.
/// </summary>
internal static class StratumScanner
{
    public readonly record struct Message(string Method, string? Login, string? Agent);

    /// <summary>Methods that show the sender is talking to a pool.</summary>
    public static bool IsPoolRequest(string method) => method is "login" or "mining.subscribe" or "mining.authorize"
        or "eth_submitLogin" or "getwork" or "getblocktemplate" or "submit" or "mining.submit" or "eth_getWork" or "eth_submitWork";

    public static bool SegmentMayHoldRpc(ReadOnlySpan<byte> payload) => payload.IndexOf("\"method\""u8) >= 0;

    public static List<Message> Scan(ReadOnlySpan<byte> payload)
    {
        var found = new List<Message>();
        while (!payload.IsEmpty)
        {
            var newline = payload.IndexOf((byte)'\n');
            var line = newline < 0 ? payload : payload[..newline];
            payload = newline < 0 ? [] : payload[(newline + 1)..];
            if (line.IndexOf("\"method\""u8) < 0)
            {
                continue;
            }

            if (TryParse(line, out var message))
            {
                found.Add(message);
            }
        }

        return found;
    }

    public static bool IsMiningMethod(string method)
    {
        if (method is "login" or "submit" or "job" or "getjob" or "keepalived" or "getwork" or "getblocktemplate" or "submitblock")
        {
            return true;
        }

        if (method.StartsWith("mining.", StringComparison.Ordinal))
        {
            return method.Length > 7 && method[7..].All(c => char.IsAsciiLetter(c) || c is '_' or '.');
        }

        if (method.StartsWith("mining_", StringComparison.Ordinal))
        {
            return method.Length > 7 && method[7..].All(c => char.IsAsciiLetter(c) || c == '_');
        }

        if (method.StartsWith("eth_", StringComparison.Ordinal))
        {
            return method.Length > 4 && method[4..].All(char.IsAsciiLetter);
        }

        return false;
    }

    private static bool TryParse(ReadOnlySpan<byte> line, out Message message)
    {
        message = default;
        var start = line.IndexOf((byte)'{');
        var end = line.LastIndexOf((byte)'}');
        if (start >= 0 && end > start && TryParseJsonSafely(line[start..(end + 1)], out message, out var parsed))
        {
            return parsed;
        }

        var method = MethodByPattern(line);
        if (method is null || !IsMiningMethod(method))
        {
            return false;
        }

        message = new Message(method, null, null);
        return true;
    }

    private static bool TryParseJsonSafely(ReadOnlySpan<byte> json, out Message message, out bool mining)
    {
        try
        {
            return TryParseJson(json, out message, out mining);
        }
        catch (InvalidOperationException)
        {
            // invalid UTF-8 inside a string value: treat as not JSON (the pattern fallback still applies)
            message = default;
            mining = false;
            return false;
        }
    }

    /// <summary>Returns false when the text is not a JSON object; <paramref name="mining"/> says whether it is a mining message.</summary>
    private static bool TryParseJson(ReadOnlySpan<byte> json, out Message message, out bool mining)
    {
        message = default;
        mining = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            {
                return true;
            }

            var method = methodElement.GetString()!;
            if (!IsMiningMethod(method))
            {
                return true;
            }

            string? login = null, agent = null;
            root.TryGetProperty("params", out var parameters);
            if (method == "login" && parameters.ValueKind == JsonValueKind.Object)
            {
                login = Text(parameters, "login");
                agent = Text(parameters, "agent");
            }
            else if (method is "mining.authorize" or "eth_submitLogin" && parameters.ValueKind == JsonValueKind.Array && parameters.GetArrayLength() > 0)
            {
                login = ElementText(parameters[0]);
            }
            else if (method == "mining.subscribe" && parameters.ValueKind == JsonValueKind.Array && parameters.GetArrayLength() > 0
                && parameters[0].ValueKind == JsonValueKind.String)
            {
                agent = parameters[0].GetString();
            }

            message = new Message(method, login, agent);
            mining = true;
            return true;
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? ElementText(value) : null;

    private static string? ElementText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary><c>"method"\s*:\s*"([^"]{1,64})"</c>.</summary>
    private static string? MethodByPattern(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOf("\"method\""u8);
        while (at >= 0)
        {
            var rest = line[(at + 8)..];
            var i = 0;
            while (i < rest.Length && IsSpace(rest[i]))
            {
                i++;
            }

            if (i < rest.Length && rest[i] == (byte)':')
            {
                i++;
                while (i < rest.Length && IsSpace(rest[i]))
                {
                    i++;
                }

                if (i < rest.Length && rest[i] == (byte)'"')
                {
                    var valueStart = i + 1;
                    var close = rest[valueStart..].IndexOf((byte)'"');
                    if (close is >= 1 and <= 64)
                    {
                        return Encoding.UTF8.GetString(rest.Slice(valueStart, close));
                    }
                }
            }

            var next = rest.IndexOf("\"method\""u8);
            at = next < 0 ? -1 : at + 8 + next;
        }

        return null;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C;
}
