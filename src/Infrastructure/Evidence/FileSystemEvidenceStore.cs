using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Evidence;

/// <summary>
/// <see cref="IEvidenceStore"/> on the local file system. Layout under <see cref="EvidenceStorageOptions.RootDirectory"/>:
/// <c>uploads/&lt;id&gt;.part</c> (bytes so far, mode 0600) with <c>uploads/&lt;id&gt;.size</c> (declared size), and
/// <c>objects/&lt;aa&gt;/&lt;bb&gt;/&lt;sha256&gt;</c> for finished content (mode 0444, directories 0755).
/// </summary>
/// <remarks>
/// <para>The .part length is the upload offset. A chunk is all or nothing: if it fails (too many bytes, cancelled,
/// I/O error) the file is truncated back to the offset it started at.</para>
/// <para>SHA-256, SHA-1 and MD5 are computed while chunks stream in and kept in memory per upload. Register this
/// class as a singleton to benefit; when that state is missing (restart, another instance, a failed chunk) completion
/// re-hashes the .part file in one streaming pass, so the result is always right.</para>
/// <para>Calls for one upload are serialised by a per-upload semaphore (in this instance); the .part file is also
/// opened with <see cref="FileShare.None"/> so another process cannot interleave bytes either.</para>
/// <para>Unknown (or already completed or aborted) upload ids throw <see cref="KeyNotFoundException"/> from
/// <see cref="GetOffsetAsync"/>, <see cref="AppendAsync"/> and <see cref="CompleteAsync"/>; <see cref="AbortAsync"/>
/// is idempotent and ignores them.</para>
/// </remarks>
public sealed class FileSystemEvidenceStore : IEvidenceStore
{
    private const int BufferSize = 1024 * 1024;

    /// <summary>Buffer for readers' small reads (parsers), kept under the large-object-heap threshold.</summary>
    private const int ReadBufferSize = 64 * 1024;
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode PartMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode ContentMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly ConcurrentDictionary<Guid, UploadState> _uploads = new();
    private readonly long _maxUploadBytes;
    private readonly long _reservedFreeBytes;

    /// <summary>Serialises reservations in this process: each new upload sees the ones begun before it.</summary>
    private readonly SemaphoreSlim _reservationGate = new(1, 1);
    private readonly string _uploadsDirectory;
    private readonly string _objectsDirectory;

    /// <exception cref="InvalidOperationException">The root directory is not configured.</exception>
    public FileSystemEvidenceStore(IOptions<EvidenceStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.RootDirectory))
        {
            throw new InvalidOperationException($"{EvidenceStorageOptions.SectionName}:{nameof(EvidenceStorageOptions.RootDirectory)} is not configured.");
        }

        if (settings.MaxUploadBytes <= 0)
        {
            throw new InvalidOperationException($"{EvidenceStorageOptions.SectionName}:{nameof(EvidenceStorageOptions.MaxUploadBytes)} must be positive.");
        }

        _maxUploadBytes = settings.MaxUploadBytes;
        _reservedFreeBytes = Math.Max(0, settings.ReservedFreeBytes);
        var root = Path.GetFullPath(settings.RootDirectory);
        _uploadsDirectory = Path.Combine(root, "uploads");
        _objectsDirectory = Path.Combine(root, "objects");
        CreateDirectory(root);
        CreateDirectory(_uploadsDirectory);
        CreateDirectory(_objectsDirectory);
    }

    /// <inheritdoc />
    /// <exception cref="EvidenceRejectedException">Empty, or over the size limit.</exception>
    /// <exception cref="InsufficientStorageException">More than the free disk space not yet promised to other uploads.</exception>
    public async Task<Guid> BeginUploadAsync(long declaredSize, CancellationToken cancellationToken)
    {
        if (declaredSize <= 0)
        {
            throw new EvidenceRejectedException("The file is empty.");
        }

        if (declaredSize > _maxUploadBytes)
        {
            throw new EvidenceRejectedException($"The file is {declaredSize} bytes; the limit is {_maxUploadBytes} bytes.");
        }

        await _reservationGate.WaitAsync(cancellationToken);
        try
        {
            // Every unfinished upload holds a reservation for the bytes it may still write (declared size minus .part length).
            if (AvailableFreeSpace() is { } free && free - OutstandingReservations() - _reservedFreeBytes < declaredSize)
            {
                throw new InsufficientStorageException($"Not enough disk space for {declaredSize} bytes: free space is promised to other uploads.");
            }

            var uploadId = Guid.CreateVersion7();
            await using (new FileStream(PartPath(uploadId), NewFileOptions(FileMode.CreateNew)))
            {
            }

            await File.WriteAllTextAsync(SizePath(uploadId), declaredSize.ToString(CultureInfo.InvariantCulture), cancellationToken);
            return uploadId;
        }
        finally
        {
            _reservationGate.Release();
        }
    }

    /// <summary>Bytes unfinished uploads may still write: the sum over uploads/ of declared size minus bytes received.</summary>
    private long OutstandingReservations()
    {
        long outstanding = 0;
        foreach (var sizeFile in Directory.EnumerateFiles(_uploadsDirectory, "*.size"))
        {
            try
            {
                if (long.TryParse(File.ReadAllText(sizeFile), NumberStyles.None, CultureInfo.InvariantCulture, out var declared))
                {
                    var part = new FileInfo(Path.ChangeExtension(sizeFile, ".part"));
                    outstanding += Math.Max(0, declared - (part.Exists ? part.Length : 0));
                }
            }
            catch (Exception e) when (e is FileNotFoundException or IOException)
            {
                // Completed or aborted while we looked: no longer reserved.
            }
        }

        return outstanding;
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">Unknown, completed or aborted upload.</exception>
    public async Task<long> GetOffsetAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        var state = _uploads.GetOrAdd(uploadId, static _ => new UploadState());
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            DeclaredSizeOf(uploadId, state);
            return new FileInfo(PartPath(uploadId)).Length;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">Unknown, completed or aborted upload.</exception>
    /// <exception cref="UploadOffsetMismatchException"><paramref name="offset"/> is not the current length (nothing written).</exception>
    /// <exception cref="EvidenceRejectedException">The chunk would go past the declared size (nothing kept from it).</exception>
    public async Task<long> AppendAsync(Guid uploadId, long offset, Stream chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var state = _uploads.GetOrAdd(uploadId, static _ => new UploadState());
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            var declaredSize = DeclaredSizeOf(uploadId, state);
            await using var file = new FileStream(PartPath(uploadId), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
            });
            var start = file.Length;
            if (offset != start)
            {
                throw new UploadOffsetMismatchException(start);
            }

            file.Position = start;
            if (state.Hashes is { } stale && stale.HashedBytes != start)
            {
                state.DiscardHashes();
            }

            if (state.Hashes is null && start == 0)
            {
                state.Hashes = new ContentHashes();
            }

            var hashes = state.Hashes;
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            long written = 0;
            try
            {
                int read;
                while ((read = await chunk.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    if (start + written + read > declaredSize)
                    {
                        throw new EvidenceRejectedException(
                            $"More bytes than declared: the upload was declared as {declaredSize} bytes.");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    hashes?.Append(buffer.AsSpan(0, read));
                    written += read;
                }

                return start + written;
            }
            catch
            {
                // All or nothing per chunk: drop what this chunk wrote; its bytes are in the hashes, so forget them.
                file.SetLength(start);
                if (written > 0)
                {
                    state.DiscardHashes();
                }

                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">Unknown, completed or aborted upload.</exception>
    /// <exception cref="EvidenceRejectedException">Fewer bytes than declared arrived ("upload incomplete").</exception>
    public async Task<StoredContent> CompleteAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        var state = _uploads.GetOrAdd(uploadId, static _ => new UploadState());
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            var declaredSize = DeclaredSizeOf(uploadId, state);
            var partPath = PartPath(uploadId);
            var length = new FileInfo(partPath).Length;
            if (length != declaredSize)
            {
                throw new EvidenceRejectedException($"The upload is incomplete: {length} of {declaredSize} bytes arrived.");
            }

            // Durable before it is acknowledged: evidence must not be named by a hash its bytes no longer match after a crash.
            await using (var sync = new FileStream(partPath, FileMode.Open, FileAccess.Write, FileShare.None, 0))
            {
                sync.Flush(flushToDisk: true);
            }

            var hashes = state.Hashes is { } kept && kept.HashedBytes == length
                ? kept
                : await HashFileAsync(partPath, cancellationToken);
            state.Hashes = null;
            string sha256, sha1, md5;
            using (hashes)
            {
                (sha256, sha1, md5) = hashes.Finish();
            }

            var objectPath = ObjectPath(sha256);
            var objectDirectory = Path.GetDirectoryName(objectPath)!;
            CreateDirectory(Path.GetDirectoryName(objectDirectory)!);
            CreateDirectory(objectDirectory);
            SetMode(partPath, ContentMode);

            var alreadyStored = !MoveIntoPlace(partPath, objectPath);
            if (alreadyStored)
            {
                // Same content already stored (perhaps by a concurrent upload that won the race): keep one copy.
                File.Delete(partPath);
            }

            File.Delete(SizePath(uploadId));
            _uploads.TryRemove(new KeyValuePair<Guid, UploadState>(uploadId, state));
            return new StoredContent(sha256, sha1, md5, length, alreadyStored);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Idempotent: aborting an unknown, completed or already aborted upload does nothing.</remarks>
    public async Task AbortAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        var state = _uploads.GetOrAdd(uploadId, static _ => new UploadState());
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            File.Delete(PartPath(uploadId));
            File.Delete(SizePath(uploadId));
            state.DiscardHashes();
            _uploads.TryRemove(new KeyValuePair<Guid, UploadState>(uploadId, state));
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 64 lower-case hex digits.</exception>
    public Stream OpenRead(string sha256)
    {
        var path = ObjectPath(sha256);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"No evidence content {sha256}.", path, e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 64 lower-case hex digits.</exception>
    public async Task<bool> VerifyAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = ObjectPath(sha256);
        if (!File.Exists(path))
        {
            return false;
        }

        byte[] actual;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
            actual = await SHA256.HashDataAsync(stream, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        return Convert.ToHexStringLower(actual) == sha256;
    }

    /// <summary>The object path for a SHA-256, refusing anything but 64 lower-case hex digits so no value can leave objects/.</summary>
    private string ObjectPath(string sha256)
    {
        if (!IsSha256Hex(sha256))
        {
            throw new ArgumentException("Expected a SHA-256 as 64 lower-case hex digits.", nameof(sha256));
        }

        return Path.Combine(_objectsDirectory, sha256[..2], sha256[2..4], sha256);
    }

    private static bool IsSha256Hex(string? value)
    {
        if (value is null || value.Length != 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private string PartPath(Guid uploadId) => Path.Combine(_uploadsDirectory, uploadId.ToString("N") + ".part");

    private string SizePath(Guid uploadId) => Path.Combine(_uploadsDirectory, uploadId.ToString("N") + ".size");

    private long DeclaredSizeOf(Guid uploadId, UploadState state)
    {
        string text;
        try
        {
            text = File.ReadAllText(SizePath(uploadId));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            text = string.Empty;
        }

        if (!File.Exists(PartPath(uploadId)) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            state.DiscardHashes();
            _uploads.TryRemove(new KeyValuePair<Guid, UploadState>(uploadId, state));
            throw new KeyNotFoundException($"No upload {uploadId} in progress.");
        }

        return size;
    }

    /// <summary>
    /// Moves the finished upload to its object path unless that already exists; false when it did.
    /// On Unix, File.Move without overwrite checks for the target and then renames, so two concurrent completions
    /// of the same content could both "win"; link(2) fails atomically with EEXIST instead (as git stores objects).
    /// </summary>
    private static bool MoveIntoPlace(string partPath, string objectPath)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (UnixNative.Link(partPath, objectPath) == 0)
            {
                File.Delete(partPath);
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == UnixNative.EEXIST)
            {
                return false;
            }

            // No hard links on this file system (or another refusal): fall back to a checked move.
        }

        try
        {
            File.Move(partPath, objectPath, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(objectPath))
        {
            return false;
        }
    }

    private static async Task<ContentHashes> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var hashes = new ContentHashes();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                hashes.Append(buffer.AsSpan(0, read));
            }

            return hashes;
        }
        catch
        {
            hashes.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private long? AvailableFreeSpace()
    {
        try
        {
            return new DriveInfo(_uploadsDirectory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStreamOptions NewFileOptions(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PartMode;
        }

        return options;
    }

    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private sealed class UploadState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Hashes of the first <see cref="ContentHashes.HashedBytes"/> bytes, or null when they must be recomputed.</summary>
        public ContentHashes? Hashes { get; set; }

        public void DiscardHashes()
        {
            Hashes?.Dispose();
            Hashes = null;
        }
    }

    private sealed class ContentHashes : IDisposable
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

        public long HashedBytes { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            _sha256.AppendData(data);
            _sha1.AppendData(data);
            _md5.AppendData(data);
            HashedBytes += data.Length;
        }

        public (string Sha256, string Sha1, string Md5) Finish() => (
            Convert.ToHexStringLower(_sha256.GetHashAndReset()),
            Convert.ToHexStringLower(_sha1.GetHashAndReset()),
            Convert.ToHexStringLower(_md5.GetHashAndReset()));

        public void Dispose()
        {
            _sha256.Dispose();
            _sha1.Dispose();
            _md5.Dispose();
        }
    }
}
