using System.Globalization;
using System.Text;

namespace CaseManager.Application.Evidence;

/// <summary>The original name of an uploaded file, kept for display and download, never used as a path.</summary>
public static class EvidenceFileName
{
    public const int MaxUtf8Bytes = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Control characters, format characters (bidirectional marks, overrides and isolates, zero-width characters, soft
    /// hyphens, byte-order marks) and line or paragraph separators: none belongs in a file name, and each can make a
    /// name display differently from what it is.
    /// </summary>
    public static bool IsInvisibleOrControl(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>Returns the trimmed name.</summary>
    /// <exception cref="EvidenceRejectedException">
    /// Empty, "." or "..", contains / or \, control or bidirectional-override characters, broken UTF-16,
    /// or longer than 255 UTF-8 bytes.
    /// </exception>
    public static string Validate(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new EvidenceRejectedException("The file name is empty.");
        }

        if (trimmed is "." or "..")
        {
            throw new EvidenceRejectedException("The file name cannot be \".\" or \"..\".");
        }

        foreach (var c in trimmed)
        {
            if (c is '/' or '\\')
            {
                throw new EvidenceRejectedException("The file name cannot contain / or \\.");
            }

            // Bidi overrides and isolates disguise extensions ("invoice\u202Efdp.exe" displays as "invoiceexe.pdf").
            if (IsInvisibleOrControl(c))
            {
                throw new EvidenceRejectedException("The file name contains control characters.");
            }
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(trimmed);
        }
        catch (EncoderFallbackException)
        {
            throw new EvidenceRejectedException("The file name is not valid Unicode.");
        }

        if (bytes > MaxUtf8Bytes)
        {
            throw new EvidenceRejectedException($"The file name is {bytes} bytes long in UTF-8; the limit is {MaxUtf8Bytes}.");
        }

        return trimmed;
    }
}
