namespace CaseManager.Application.Common.Interfaces;

/// <summary>
/// Where evidence bytes live: outside the web root, content-addressed by SHA-256, stored read-only,
/// never executed. Uploads arrive in chunks and can resume from the last byte the store has.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Starts an upload of <paramref name="declaredSize"/> bytes (checked against the configured limit).</summary>
    Task<Guid> BeginUploadAsync(long declaredSize, CancellationToken cancellationToken);

    /// <summary>How many bytes of the upload the store has (where a client resumes).</summary>
    Task<long> GetOffsetAsync(Guid uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="chunk"/> at <paramref name="offset"/>, hashing as it streams, and returns the new offset.
    /// A chunk at an offset other than the current one throws <see cref="UploadOffsetMismatchException"/> (nothing written).
    /// </summary>
    Task<long> AppendAsync(Guid uploadId, long offset, Stream chunk, CancellationToken cancellationToken);

    /// <summary>Finishes an upload whose bytes all arrived: moves it into content-addressed storage (once per content).</summary>
    Task<StoredContent> CompleteAsync(Guid uploadId, CancellationToken cancellationToken);

    Task AbortAsync(Guid uploadId, CancellationToken cancellationToken);

    /// <summary>Opens stored content for reading; throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    Stream OpenRead(string sha256);

    /// <summary>Re-hashes stored content; false when it no longer matches its SHA-256 (altered on disk) or is missing.</summary>
    Task<bool> VerifyAsync(string sha256, CancellationToken cancellationToken);
}

/// <summary>Hashes and size of stored content, computed while it streamed in. Hex strings are lower case.</summary>
public sealed record StoredContent(string Sha256, string Sha1, string Md5, long Size, bool AlreadyStored);

/// <summary>A chunk arrived for the wrong offset; <see cref="CurrentOffset"/> is where the client must resume.</summary>
public sealed class UploadOffsetMismatchException(long currentOffset)
    : Exception($"The upload continues at byte {currentOffset}.")
{
    public long CurrentOffset { get; } = currentOffset;
}
