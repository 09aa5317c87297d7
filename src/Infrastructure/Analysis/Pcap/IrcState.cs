using System.Text;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// IRC seen in one TCP stream. Lines are taken per segment from segments containing <c>NICK </c>,
/// <c>JOIN </c>, <c>PRIVMSG </c> or <c>USER </c> (any port); the stream is an IRC session once a
/// <c>NICK</c> line appears. The transcript keeps the first <see cref="MaxTranscriptBytes"/> in-order bytes.
/// </summary>
internal sealed class IrcState
{
    public const int MaxTranscriptBytes = 64 * 1024;
    public const int MaxItems = 256;

    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        "PASS", "NICK", "USER", "JOIN", "PART", "PRIVMSG", "NOTICE", "MODE", "TOPIC", "QUIT", "PING", "PONG",
        "KICK", "WHO", "WHOIS", "CAP", "LIST", "NAMES", "OPER", "USERHOST", "ISON", "AWAY", "INVITE",
    };

    private readonly List<(bool FromA, StringBuilder Text)> _transcript = [];
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

    /// <summary>Returns true when any line of the segment was an IRC line.</summary>
    public static bool TryParseLines(ReadOnlySpan<byte> payload, bool fromA, long frame, ref IrcState? state)
    {
        var text = Encoding.Latin1.GetString(payload);
        var any = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim('\r');
            if (!TryParseLine(line, out var prefix, out var command, out var rest))
            {
                continue;
            }

            state ??= new IrcState();
            any = true;
            state.Apply(prefix, command, rest, fromA, frame);
        }

        return any;
    }

    public void AppendTranscript(ReadOnlySpan<byte> data, bool fromA)
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

        if (_transcript.Count == 0 || _transcript[^1].FromA != fromA)
        {
            _transcript.Add((fromA, new StringBuilder()));
        }

        _transcript[^1].Text.Append(Encoding.Latin1.GetString(data[..take]));
        _transcriptBytes += take;
    }

    public IReadOnlyList<TranscriptChunk> Transcript(bool clientIsA) =>
        _transcript.Select(c => new TranscriptChunk(c.FromA == clientIsA, c.Text.ToString())).ToList();

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
}
