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

    /// <summary>ISO-8601 UTC with nanoseconds.</summary>
    public override string ToString()
    {
        var day = DateTime.UnixEpoch.AddSeconds(Math.Clamp(Seconds, -62_135_596_800L, 253_402_300_799L));
        return string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd'T'HH:mm:ss}.{Nanoseconds:D9}Z");
    }
}
