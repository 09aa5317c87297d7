using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Triage;

/// <summary>
/// Reads an untrusted triage bundle (tar.gz or zip) as a stream into memory, member by member, never to disk and never
/// executing anything. Unsafe members are skipped with a coded warning: traversal and absolute paths, links, devices and
/// other special entries, members over <see cref="MaxMemberBytes"/>; reading stops at <see cref="MaxTotalBytes"/> or when
/// the data expands more than <see cref="MaxRatio"/> times its compressed size (an archive bomb).
/// </summary>
internal sealed class TriageBundleReader
{
    public const long MaxMemberBytes = 64L << 20;
    public const long MaxTotalBytes = 512L << 20;
    public const int MaxRatio = 200;
    public const int MaxMembers = 200_000;

    /// <summary>Below this much expanded data the ratio is not checked (small text compresses very well).</summary>
    private const long RatioFloor = 16L << 20;

    private readonly List<AnalysisWarning> _warnings;
    private long _total;

    public TriageBundleReader(List<AnalysisWarning> warnings) => _warnings = warnings;

    /// <summary>Member path (normalised, relative, '/'-separated) to its bytes and modification time.</summary>
    public Dictionary<string, BundleMember> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>The first member's name (the manifest should come first).</summary>
    public string? FirstMember { get; private set; }

    public async Task ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        var counting = new CountingStream(input);
        var head = new byte[4];
        var read = await counting.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken);
        var prefixed = new PrefixedStream(head.AsMemory(0, read), counting);
        if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            await ReadTarAsync(new GZipStream(prefixed, CompressionMode.Decompress), counting, cancellationToken);
        }
        else if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K')
        {
            await ReadZipAsync(prefixed, counting, cancellationToken);
        }
        else
        {
            throw new UnsupportedEvidenceException("not a triage bundle (neither tar.gz nor zip)");
        }
    }

    private async Task ReadTarAsync(Stream decompressed, CountingStream compressed, CancellationToken cancellationToken)
    {
        await using var tar = new TarReader(decompressed, leaveOpen: false);
        var count = 0;
        while (true)
        {
            try
            {
                var entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
                if (entry is null || ++count > MaxMembers)
                {
                    return;
                }

                var kind = entry.EntryType switch
                {
                    TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => EntryKind.File,
                    TarEntryType.Directory => EntryKind.Directory,
                    TarEntryType.SymbolicLink or TarEntryType.HardLink => EntryKind.Link,
                    _ => EntryKind.Special,
                };
                if (!await AcceptAsync(entry.Name, kind, entry.Length, entry.ModificationTime, entry.DataStream, compressed, cancellationToken))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or IOException or ArgumentException)
            {
                Warn("triage.archive.damaged", ("detail", ArgumentType.Text, ex.Message));
                return;
            }
        }
    }

    private async Task ReadZipAsync(Stream input, CountingStream compressed, CancellationToken cancellationToken)
    {
        // A zip's directory is at its end: it needs a seekable stream. Only the compressed bytes are held (bounded).
        var buffer = new MemoryStream();
        var limited = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(limited, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxTotalBytes)
            {
                Warn("triage.archive.too-large", ("limit", ArgumentType.Bytes, MaxTotalBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return;
            }

            buffer.Write(limited, 0, n);
        }

        buffer.Position = 0;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new UnsupportedEvidenceException("damaged zip: " + ex.Message);
        }

        using (zip)
        {
            var count = 0;
            foreach (var entry in zip.Entries)
            {
                if (++count > MaxMembers)
                {
                    return;
                }

                // Unix mode in the high 16 bits of the external attributes: links and devices are refused like in tar.
                var mode = (entry.ExternalAttributes >> 16) & 0xF000;
                var kind = entry.FullName.EndsWith('/') ? EntryKind.Directory
                    : mode is 0 or 0x8000 ? EntryKind.File
                    : mode == 0xA000 ? EntryKind.Link
                    : mode == 0x4000 ? EntryKind.Directory : EntryKind.Special;
                if (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxRatio && entry.Length > RatioFloor)
                {
                    Warn("triage.archive.bomb", ("member", ArgumentType.Path, Printable(entry.FullName)), ("ratio", ArgumentType.Number, (entry.Length / entry.CompressedLength).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    continue;
                }

                Stream? data = null;
                try
                {
                    data = kind == EntryKind.File && entry.Length <= MaxMemberBytes ? entry.Open() : null;
                    if (!await AcceptAsync(entry.FullName, kind, entry.Length, entry.LastWriteTime, data, null, cancellationToken))
                    {
                        return;
                    }
                }
                catch (InvalidDataException ex)
                {
                    Warn("triage.archive.damaged", ("detail", ArgumentType.Text, ex.Message));
                }
                finally
                {
                    if (data is not null)
                    {
                        await data.DisposeAsync();
                    }
                }
            }
        }
    }

    /// <summary>Checks one member and keeps its bytes; false stops reading (a limit of the whole archive was met).</summary>
    private async Task<bool> AcceptAsync(string rawName, EntryKind kind, long length, DateTimeOffset modified, Stream? data, CountingStream? compressed, CancellationToken cancellationToken)
    {
        FirstMember ??= rawName;
        var shown = Printable(rawName);
        var name = Normalise(rawName);
        if (name is null)
        {
            Warn("triage.archive.unsafe-path", ("member", ArgumentType.Path, shown));
            return true;
        }

        switch (kind)
        {
            case EntryKind.Directory:
                return true;
            case EntryKind.Link:
                Warn("triage.archive.link", ("member", ArgumentType.Path, shown));
                return true;
            case EntryKind.Special:
                Warn("triage.archive.special-file", ("member", ArgumentType.Path, shown));
                return true;
        }

        if (length == 0)
        {
            Members[name] = new BundleMember(name, [], modified);
            return true;
        }

        if (length > MaxMemberBytes || data is null)
        {
            Warn("triage.archive.member-too-large", ("member", ArgumentType.Path, shown), ("size", ArgumentType.Bytes, length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return true;
        }

        if (_total + length > MaxTotalBytes)
        {
            Warn("triage.archive.too-large", ("limit", ArgumentType.Bytes, MaxTotalBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return false;
        }

        var bytes = new byte[length];
        var got = await data.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
        _total += got;
        if (compressed is not null && _total > RatioFloor && _total / Math.Max(1, compressed.Count) > MaxRatio)
        {
            Warn("triage.archive.bomb", ("member", ArgumentType.Path, shown), ("ratio", ArgumentType.Number, (_total / Math.Max(1, compressed.Count)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return false;
        }

        if (got < bytes.Length)
        {
            Warn("triage.archive.damaged", ("detail", ArgumentType.Text, $"{shown} is truncated"));
            Array.Resize(ref bytes, got);
        }

        Members[name] = new BundleMember(name, bytes, modified);
        return true;
    }

    /// <summary>A safe relative path, or null: absolute, drive-letter, UNC, '..' segments, NUL and empty names are refused.</summary>
    internal static string? Normalise(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0') || name.StartsWith('/') || name.StartsWith('\\')
            || (name.Length >= 2 && name[1] == ':'))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var part in name.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                return null;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    internal static string Printable(string name)
    {
        var chars = name.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        var text = new string(chars);
        return text.Length > 300 ? text[..300] : text;
    }

    internal static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private void Warn(string code, params (string Name, ArgumentType Type, string Value)[] arguments)
    {
        if (_warnings.Count < 500)
        {
            _warnings.Add(new AnalysisWarning(code, [.. arguments.Select(a => FindingArgument.Of(a.Name, a.Type, a.Value))]));
        }
    }

    private enum EntryKind
    {
        File,
        Directory,
        Link,
        Special,
    }

    /// <summary>Counts the compressed bytes read, for the expansion ratio.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            Count += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The sniffed first bytes, then the rest of the stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!_prefix.IsEmpty)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }

            return inner.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_prefix.IsEmpty)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }

            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

internal sealed record BundleMember(string Name, byte[] Data, DateTimeOffset Modified);
