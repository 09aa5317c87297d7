using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaseManager.Domain.Evidence;

/// <summary>
/// One entry of an evidence item's chain of custody. Append-only; each entry's <see cref="Hash"/>
/// covers its own fields and the previous entry's hash, so a changed or removed entry breaks the chain.
/// </summary>
public sealed class CustodyEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private CustodyEntry()
    {
    }

    internal CustodyEntry(int sequence, CustodyAction action, string actor, DateTimeOffset at, string details, string previousHash)
    {
        // Whole milliseconds, UTC: every store keeps that exactly, so the hash recomputes after a round trip.
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        Sequence = sequence;
        Action = action;
        Actor = actor;
        At = at;
        Details = details;
        PreviousHash = previousHash;
        Hash = ComputeHash(sequence, action, actor, at, details, previousHash);
    }

    public int Id { get; private set; }

    public int Sequence { get; private set; }

    public CustodyAction Action { get; private set; }

    public string Actor { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }

    public string Details { get; private set; } = string.Empty;

    public string PreviousHash { get; private set; } = GenesisHash;

    public string Hash { get; private set; } = string.Empty;

    public static string ComputeHash(int sequence, CustodyAction action, string actor, DateTimeOffset at, string details, string previousHash)
    {
        var canonical = string.Join(
            '\n',
            previousHash,
            sequence.ToString(CultureInfo.InvariantCulture),
            action.ToString(),
            actor,
            at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            details);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Checks a chain in sequence order: every hash recomputes from the entry's fields, links to the
    /// previous one, and sequences have no gaps. Returns the first broken sequence number, or null.
    /// </summary>
    public static int? FirstBrokenLink(IEnumerable<CustodyEntry> chain)
    {
        var previous = GenesisHash;
        var expected = 1;
        foreach (var entry in chain.OrderBy(e => e.Sequence))
        {
            if (entry.Sequence != expected || entry.PreviousHash != previous
                || entry.Hash != ComputeHash(entry.Sequence, entry.Action, entry.Actor, entry.At, entry.Details, entry.PreviousHash))
            {
                return expected;
            }

            previous = entry.Hash;
            expected++;
        }

        return null;
    }
}
