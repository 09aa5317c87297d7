using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaseManager.Domain.Audit;

/// <summary>
/// One row of the audit log. Append-only and hash-chained like the evidence custody chain: each row's
/// <see cref="Hash"/> covers its own fields and the previous row's hash, so a changed, inserted or removed row breaks
/// the chain from that row on. Rows older than the retention period are pruned from the front; the hash of the last
/// pruned row is kept as the chain's anchor (<see cref="AuditChainAnchor"/>), so what remains still verifies.
/// </summary>
public sealed class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    public const int ActorMaxLength = 256;
    public const int EventTypeMaxLength = 64;
    public const int TargetMaxLength = 400;
    public const int DetailsMaxLength = 4000;
    public const int AddressMaxLength = 64;

    private AuditEntry()
    {
    }

    public long Id { get; private set; }

    /// <summary>1, 2, 3 … without gaps (unique): the chain's order.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who acted: an e-mail address, "system", or "anonymous" (or the name typed at a failed sign-in).</summary>
    public string Actor { get; private set; } = string.Empty;

    public string? ActorId { get; private set; }

    /// <summary>One of <see cref="AuditEventTypes"/> (or another feature's dotted name).</summary>
    public string EventType { get; private set; } = string.Empty;

    /// <summary>What was acted on, e.g. "case:{id}", "evidence:{id}", "user:{email}".</summary>
    public string Target { get; private set; } = string.Empty;

    public string Details { get; private set; } = string.Empty;

    public string IpAddress { get; private set; } = string.Empty;

    public string PreviousHash { get; private set; } = GenesisHash;

    public string Hash { get; private set; } = string.Empty;

    /// <summary>The next row after <paramref name="previousSequence"/>/<paramref name="previousHash"/>; texts are cut to their column sizes.</summary>
    public static AuditEntry Append(long previousSequence, string previousHash, DateTimeOffset at, string actor, string? actorId, string eventType, string? target, string? details, string? ipAddress)
    {
        // Whole milliseconds, UTC: both databases keep that exactly, so the hash recomputes after a round trip.
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var entry = new AuditEntry
        {
            Sequence = previousSequence + 1,
            At = at,
            Actor = Cut(actor, ActorMaxLength),
            ActorId = actorId is null ? null : Cut(actorId, 450),
            EventType = Cut(eventType, EventTypeMaxLength),
            Target = Cut(target ?? string.Empty, TargetMaxLength),
            Details = Cut(details ?? string.Empty, DetailsMaxLength),
            IpAddress = Cut(ipAddress ?? string.Empty, AddressMaxLength),
            PreviousHash = previousHash,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    public string ComputeHash()
    {
        var canonical = string.Join(
            '\n',
            PreviousHash,
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Escape(Actor),
            Escape(ActorId ?? string.Empty),
            Escape(EventType),
            Escape(Target),
            Escape(Details),
            Escape(IpAddress));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>Backslash and newline escaped, so no field can imitate the separator.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
