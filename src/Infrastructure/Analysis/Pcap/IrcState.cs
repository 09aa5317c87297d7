using System.Text;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// IRC seen in one TCP stream. Lines are taken per segment from segments containing <c>NICK </c>,
/// <c>JOIN </c>, <c>PRIVMSG </c> or <c>USER </c> (any port); the stream is an IRC session once a
/// <c>NICK</c> line appears. The transcript keeps the first <see cref="MaxTranscriptBytes"/> in-order bytes as
/// lines, each decoded as UTF-8 or, when it is not valid UTF-8, as Latin-1.
/// </summary>
internal sealed class IrcState : FlowObserver
{
    public const int MaxTranscriptBytes = 64 * 1024;
    public const int MaxItems = 256;

    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        "PASS", "NICK", "USER", "JOIN", "PART", "PRIVMSG", "NOTICE", "MODE", "TOPIC", "QUIT", "PING", "PONG",
        "KICK", "WHO", "WHOIS", "CAP", "LIST", "NAMES", "OPER", "USERHOST", "ISON", "AWAY", "INVITE",
    };

    private readonly List<TranscriptLine> _lines = [];
    private readonly PendingLine _pendingA = new();
    private readonly PendingLine _pendingB = new();
    private int _transcriptBytes;

    public bool HasNick { get; private set; }

    public bool? ClientIsA { get; private set; }

    public string? ServerName { get; private set; }

    public List<string> Nicks { get; } = [];

    public List<string> Users { get; } = [];

    public SortedSet<string> Channels { get; } = new(StringComparer.Ordinal);

    public List<string> Topics { get; } = [];

    public List<(long Frame, string Target, string Text)> PrivateMessages { get; } = [];

    public int PrivateMessageCount { get; private set; }

    public bool TranscriptTruncated { get; private set; }

    /// <summary>The cheap pre-filter: does this segment contain one of the IRC command words?</summary>
    public static bool SegmentMayHoldIrc(ReadOnlySpan<byte> payload) =>
        payload.IndexOf("NICK "u8) >= 0 || payload.IndexOf("JOIN "u8) >= 0
        || payload.IndexOf("PRIVMSG "u8) >= 0 || payload.IndexOf("USER "u8) >= 0;

    /// <summary>Returns true when any line of the segment was an IRC line; creates the state (and attaches it) on the first.</summary>
    public static bool TryParseLines(ReadOnlySpan<byte> payload, bool fromA, long frame, Flow flow)
    {
        var any = false;
        var state = flow.Observer<IrcState>();
        while (!payload.IsEmpty)
        {
            var newline = payload.IndexOf((byte)'\n');
            var raw = newline < 0 ? payload : payload[..newline];
            payload = newline < 0 ? [] : payload[(newline + 1)..];
            var line = Decode(raw.Trim((byte)'\r'));
            if (!TryParseLine(line, out var prefix, out var command, out var rest))
            {
                continue;
            }

            if (state is null)
            {
                state = new IrcState();
                flow.Attach(state);
            }

            any = true;
            state.Apply(prefix, command, rest, fromA, frame);
        }

        return any;
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8, else Latin-1 (old clients send ISO-8859-1).</summary>
    public static string Decode(ReadOnlySpan<byte> line) =>
        System.Text.Unicode.Utf8.IsValid(line) ? Encoding.UTF8.GetString(line) : Encoding.Latin1.GetString(line);

    public override bool WantsData => !TranscriptTruncated;

    public override void OnData(ReadOnlySpan<byte> data, bool fromA, long frame, long timeNanoseconds)
    {
        if (TranscriptTruncated || data.IsEmpty)
        {
            return;
        }

        var take = Math.Min(data.Length, MaxTranscriptBytes - _transcriptBytes);
        if (take < data.Length)
        {
            TranscriptTruncated = true;
        }

        if (take <= 0)
        {
            return;
        }

        _transcriptBytes += take;
        var pending = fromA ? _pendingA : _pendingB;
        var rest = data[..take];
        while (!rest.IsEmpty)
        {
            if (pending.Bytes.Count == 0)
            {
                pending.Time = timeNanoseconds;
            }

            var newline = rest.IndexOf((byte)'\n');
            var piece = newline < 0 ? rest : rest[..(newline + 1)];
            pending.Bytes.AddRange(piece);

            rest = rest[piece.Length..];
            if (newline >= 0)
            {
                Flush(pending, fromA);
            }
        }
    }

    /// <summary>The transcript lines (the last, unterminated ones included), in order of completion.</summary>
    public IReadOnlyList<TranscriptLine> Lines()
    {
        Flush(_pendingA, true);
        Flush(_pendingB, false);
        return _lines;
    }

    /// <summary>"Follow TCP Stream": runs of lines in one direction.</summary>
    public IReadOnlyList<TranscriptChunk> Transcript(bool clientIsA)
    {
        var chunks = new List<TranscriptChunk>();
        var text = new StringBuilder();
        bool? fromA = null;
        foreach (var line in Lines())
        {
            if (fromA is not null && fromA != line.FromA)
            {
                chunks.Add(new TranscriptChunk(fromA == clientIsA, text.ToString()));
                text.Clear();
            }

            fromA = line.FromA;
            text.Append(line.Text);
        }

        if (fromA is not null)
        {
            chunks.Add(new TranscriptChunk(fromA == clientIsA, text.ToString()));
        }

        return chunks;
    }

    private void Flush(PendingLine pending, bool fromA)
    {
        if (pending.Bytes.Count == 0)
        {
            return;
        }

        _lines.Add(new TranscriptLine(fromA, pending.Time, Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending.Bytes))));
        pending.Bytes.Clear();
    }

    private void Apply(string? prefix, string command, string rest, bool fromA, long frame)
    {
        switch (command)
        {
            case "NICK":
                HasNick = true;
                if (prefix is null)
                {
                    ClientIsA ??= fromA;
                    if (Nicks.Count < MaxItems)
                    {
                        Nicks.Add(rest.TrimStart(':').Split(' ')[0]);
                    }
                }

                break;
            case "USER" when prefix is null:
                if (Users.Count < MaxItems)
                {
                    Users.Add(rest.Split(' ')[0]);
                }

                break;
            case "JOIN":
                foreach (var channel in rest.TrimStart(':').Split(' ')[0].TrimStart(':').Split(','))
                {
                    if (channel.Length > 0 && "#&+!".Contains(channel[0], StringComparison.Ordinal) && Channels.Count < MaxItems)
                    {
                        Channels.Add(channel);
                    }
                }

                break;
            case "PRIVMSG" when prefix is null:
                PrivateMessageCount++;
                if (PrivateMessages.Count < MaxItems)
                {
                    var space = rest.IndexOf(' ', StringComparison.Ordinal);
                    var target = space < 0 ? rest : rest[..space];
                    var message = space < 0 ? string.Empty : rest[(space + 1)..];
                    PrivateMessages.Add((frame, target, message.StartsWith(':') ? message[1..] : message));
                }

                break;
            case "332" or "TOPIC":
                if (Topics.Count < MaxItems)
                {
                    Topics.Add(rest);
                }

                break;
            default:
                break;
        }

        if (prefix is not null && ServerName is null && command.Length == 3 && char.IsAsciiDigit(command[0]))
        {
            ServerName = prefix;
        }
    }

    /// <summary><c>^(?::(\S+) )?([A-Za-z]+|\d{3})(?: (.*))?$</c> with the command in the IRC list or numeric with a prefix.</summary>
    private static bool TryParseLine(string line, out string? prefix, out string command, out string rest)
    {
        prefix = null;
        command = string.Empty;
        rest = string.Empty;
        var position = 0;
        if (line.StartsWith(':'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 1)
            {
                return false;
            }

            var candidate = line[1..space];
            if (candidate.Any(char.IsWhiteSpace))
            {
                return false;
            }

            prefix = candidate;
            position = space + 1;
        }

        var end = position;
        if (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            while (end < line.Length && char.IsAsciiDigit(line[end]))
            {
                end++;
            }

            if (end - position != 3)
            {
                return false;
            }
        }
        else
        {
            while (end < line.Length && char.IsAsciiLetter(line[end]))
            {
                end++;
            }

            if (end == position)
            {
                return false;
            }
        }

        if (end < line.Length)
        {
            if (line[end] != ' ')
            {
                return false;
            }

            rest = line[(end + 1)..];
            if (rest.Length > 512)
            {
                rest = rest[..512];
            }
        }

        command = line[position..end].ToUpperInvariant();
        var numeric = char.IsAsciiDigit(command[0]);
        return numeric ? prefix is not null : Commands.Contains(command);
    }

    /// <summary>One transcript line with its terminator, and the time of the packet that carried its first byte.</summary>
    public sealed record TranscriptLine(bool FromA, long Time, string Text);

    private sealed class PendingLine
    {
        public List<byte> Bytes { get; } = [];

        public long Time { get; set; }
    }
}
