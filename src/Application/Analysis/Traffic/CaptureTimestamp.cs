using System.Globalization;
using System.Text.Json.Serialization;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// A packet time with the capture's full precision (nanoseconds since the Unix epoch, UTC).
/// <see cref="DateTime"/> only has 100 ns ticks, so nanosecond captures are kept here and
/// formatted as ISO-8601 with nine fractional digits (<c>2016-02-08T20:53:06.195024000Z</c>).
/// </summary>
[JsonConverter(typeof(CaptureTimestampJsonConverter))]
public readonly record struct CaptureTimestamp(long Seconds, int Nanoseconds) : IComparable<CaptureTimestamp>
{
    public long TotalNanoseconds => (Seconds * 1_000_000_000L) + Nanoseconds;

    public double TotalSeconds => Seconds + (Nanoseconds / 1e9);

    public int CompareTo(CaptureTimestamp other) =>
        Seconds != other.Seconds ? Seconds.CompareTo(other.Seconds) : Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <(CaptureTimestamp left, CaptureTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(CaptureTimestamp left, CaptureTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(CaptureTimestamp left, CaptureTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(CaptureTimestamp left, CaptureTimestamp right) => left.CompareTo(right) >= 0;

    /// <summary>Seconds since the epoch with nine decimals, as tshark's <c>frame.time_epoch</c>.</summary>
    public string ToEpochString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds}.{Nanoseconds:D9}");

    /// <summary>The length of <see cref="ToString"/> and <see cref="FormatUtf8"/>: <c>yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ</c>.</summary>
    public const int IsoLength = 30;

    /// <summary>ISO-8601 UTC with nanoseconds.</summary>
    public override string ToString()
    {
        Span<byte> utf8 = stackalloc byte[IsoLength];
        FormatUtf8(utf8);
        return System.Text.Encoding.ASCII.GetString(utf8);
    }

    /// <summary>
    /// Writes <see cref="ToString"/>'s text as UTF-8 into <paramref name="destination"/> (at least <see cref="IsoLength"/>
    /// bytes) without allocating: the JSON of a large capture holds two timestamps per record, and formatting them through
    /// <see cref="DateTime"/> strings was a fifth of the CLI's serialising time.
    /// </summary>
    public void FormatUtf8(Span<byte> destination)
    {
        var day = DateTime.UnixEpoch.AddSeconds(Math.Clamp(Seconds, -62_135_596_800L, 253_402_300_799L));
        var d = destination[..IsoLength];
        Digits(d[..4], day.Year);
        d[4] = (byte)'-';
        Digits(d.Slice(5, 2), day.Month);
        d[7] = (byte)'-';
        Digits(d.Slice(8, 2), day.Day);
        d[10] = (byte)'T';
        Digits(d.Slice(11, 2), day.Hour);
        d[13] = (byte)':';
        Digits(d.Slice(14, 2), day.Minute);
        d[16] = (byte)':';
        Digits(d.Slice(17, 2), day.Second);
        d[19] = (byte)'.';
        Digits(d.Slice(20, 9), Math.Clamp(Nanoseconds, 0, 999_999_999));
        d[29] = (byte)'Z';
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
