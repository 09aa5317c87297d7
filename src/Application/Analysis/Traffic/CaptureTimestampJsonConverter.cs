using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManager.Application.Analysis.Traffic;

/// <summary>Writes <see cref="CaptureTimestamp"/> as an ISO-8601 UTC string with nanoseconds, and reads it back.</summary>
public sealed class CaptureTimestampJsonConverter : JsonConverter<CaptureTimestamp>
{
    public override CaptureTimestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("Expected an ISO-8601 timestamp.");
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text.TrimEnd('Z') : text[..dot];
        var seconds = (long)(DateTime.ParseExact(whole, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) - DateTime.UnixEpoch).TotalSeconds;
        var nanos = 0;
        if (dot >= 0)
        {
            var fraction = text[(dot + 1)..].TrimEnd('Z').PadRight(9, '0')[..9];
            nanos = int.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return new CaptureTimestamp(seconds, nanos);
    }

    public override void Write(Utf8JsonWriter writer, CaptureTimestamp value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[CaptureTimestamp.IsoLength];
        value.FormatUtf8(utf8);
        writer.WriteStringValue(utf8);
    }
}
