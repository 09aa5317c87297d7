using System.Buffers;
using System.Text;
using ICSharpCode.SharpZipLib.Zip;

namespace CaseManager.Infrastructure.Evidence;

/// <summary>
/// Streams one piece of evidence into an AES-256 encrypted zip (password <see cref="IEvidencePackager.Password"/>),
/// the way malware samples are exchanged, so nothing executable reaches a consultant's disk in the clear.
/// Works on non-seekable destinations (an HTTP response body).
/// </summary>
public sealed class ZipEvidencePackager : IEvidencePackager
{
    public const string FallbackEntryName = "evidence.bin";

    private const int BufferSize = 81920;

    public async Task WriteEncryptedZipAsync(Stream content, string entryName, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(destination);

        var zip = new ZipOutputStream(destination, BufferSize) { IsStreamOwner = false, Password = IEvidencePackager.Password };
        await using (zip)
        {
            zip.SetLevel(6);
            var entry = new ZipEntry(SanitizeEntryName(entryName))
            {
                AESKeySize = 256,
                IsUnicodeText = true,
                CompressionMethod = CompressionMethod.Deflated,
            };
            if (content.CanSeek)
            {
                entry.Size = content.Length - content.Position; // lets the library choose Zip64 up front for large samples
            }

            await zip.PutNextEntryAsync(entry, cancellationToken);

            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    await zip.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await zip.CloseEntryAsync(cancellationToken);
            await zip.FinishAsync(cancellationToken);
        }
    }

    /// <summary>The last path segment, without control characters; <see cref="FallbackEntryName"/> when nothing usable is left.</summary>
    public static string SanitizeEntryName(string? name)
    {
        var lastSegment = (name ?? string.Empty).Replace('\\', '/');
        lastSegment = lastSegment[(lastSegment.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(lastSegment.Length);
        foreach (var c in lastSegment)
        {
            if (!char.IsControl(c) && c is not ((>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or ':'))
            {
                builder.Append(c);
            }
        }

        var clean = builder.ToString().Trim();
        return clean is "" or "." or ".." ? FallbackEntryName : clean;
    }
}
