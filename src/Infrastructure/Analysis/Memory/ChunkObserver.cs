using System.Security.Cryptography;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// Sees every raw chunk of the strings pass once: finds embedded ELF headers and the UPX marker (also
/// across chunk boundaries) and, for samples, feeds the hashes and the byte histogram for entropy.
/// </summary>
internal sealed class ChunkObserver(bool hashAndMeasure, int maxEmbedded = 64) : IDisposable
{
    private const int Overlap = 7;
    private readonly IncrementalHash? _md5 = hashAndMeasure ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
    private readonly IncrementalHash? _sha1 = hashAndMeasure ? IncrementalHash.CreateHash(HashAlgorithmName.SHA1) : null;
    private readonly IncrementalHash? _sha256 = hashAndMeasure ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    private readonly long[] _histogram = new long[256];
    private readonly byte[] _carry = new byte[2 * Overlap];
    private int _carryLength;
    private long _carryOffset;

    public List<long> EmbeddedElfOffsets { get; } = [];

    public int EmbeddedElfCount { get; private set; }

    public bool UpxMarker { get; private set; }

    public void Observe(long offset, ReadOnlyMemory<byte> memory)
    {
        var chunk = memory.Span;
        if (chunk.IsEmpty)
        {
            return;
        }

        if (hashAndMeasure)
        {
            _md5!.AppendData(chunk);
            _sha1!.AppendData(chunk);
            _sha256!.AppendData(chunk);
            foreach (var b in chunk)
            {
                _histogram[b]++;
            }
        }

        // Boundary window: the previous chunk's last bytes followed by this chunk's first bytes.
        if (_carryLength > 0)
        {
            var head = Math.Min(Overlap, chunk.Length);
            chunk[..head].CopyTo(_carry.AsSpan(_carryLength));
            Search(_carry.AsSpan(0, _carryLength + head), _carryOffset, boundaryOnly: _carryLength);
        }

        Search(chunk, offset, boundaryOnly: 0);
        var keep = Math.Min(Overlap - 1, chunk.Length);
        chunk[^keep..].CopyTo(_carry);
        _carryLength = keep;
        _carryOffset = offset + chunk.Length - keep;
    }

    public (string Md5, string Sha1, string Sha256) Hashes() =>
        (Convert.ToHexStringLower(_md5!.GetHashAndReset()), Convert.ToHexStringLower(_sha1!.GetHashAndReset()), Convert.ToHexStringLower(_sha256!.GetHashAndReset()));

    public double Entropy() => ShannonEntropy(_histogram);

    public static double ShannonEntropy(ReadOnlySpan<long> histogram)
    {
        long total = 0;
        foreach (var count in histogram)
        {
            total += count;
        }

        if (total == 0)
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var count in histogram)
        {
            if (count > 0)
            {
                var p = (double)count / total;
                entropy -= p * Math.Log2(p);
            }
        }

        return Math.Round(entropy, 4);
    }

    public static double ShannonEntropy(ReadOnlySpan<byte> data)
    {
        Span<long> histogram = stackalloc long[256];
        foreach (var b in data)
        {
            histogram[b]++;
        }

        return ShannonEntropy(histogram);
    }

    public void Dispose()
    {
        _md5?.Dispose();
        _sha1?.Dispose();
        _sha256?.Dispose();
    }

    /// <summary>Searches <paramref name="data"/>; with <paramref name="boundaryOnly"/> &gt; 0 only matches that straddle that index count.</summary>
    private void Search(ReadOnlySpan<byte> data, long baseOffset, int boundaryOnly)
    {
        var from = 0;
        while (from < data.Length)
        {
            var index = data[from..].IndexOf("\u007fELF"u8);
            if (index < 0)
            {
                break;
            }

            index += from;
            if (boundaryOnly > 0 && index >= boundaryOnly)
            {
                break;
            }

            if (boundaryOnly > 0 && index + 4 <= boundaryOnly)
            {
                from = index + 1;
                continue; // wholly inside the previous chunk: already counted
            }

            var rest = data[index..];
            if (rest.Length < 7 || (rest[4] is 1 or 2 && rest[5] is 1 or 2 && rest[6] == 1))
            {
                EmbeddedElfCount++;
                if (EmbeddedElfOffsets.Count < maxEmbedded)
                {
                    EmbeddedElfOffsets.Add(baseOffset + index);
                }
            }

            from = index + 1;
        }

        var upx = data.IndexOf("UPX!"u8);
        if (upx >= 0 && (boundaryOnly == 0 || (upx < boundaryOnly && upx + 4 > boundaryOnly)))
        {
            UpxMarker = true;
        }
    }
}
