using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using CaseManager.Application.Analysis.Memory;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// Streaming GNU-compatible strings scanner. Printable means 0x20-0x7e plus TAB, exactly as binutils'
/// <c>STRING_ISGRAPHIC</c>; a UTF-16LE character is a printable byte followed by 0x00 at any byte
/// alignment (GNU re-reads from the next byte after a bad character, so runs are maximal per
/// alignment lane). Each 64-byte block becomes bit masks built with SIMD compares; runs of at
/// least N set bits are found with shift-and, so blocks without a long run cost a few instructions.
/// Strings that cross read boundaries are kept whole: the buffer is compacted from the start of the
/// oldest open run, and only grows while a single run is longer than the buffer.
/// </summary>
internal sealed class StringScanner
{
    public const int DefaultBufferSize = 1 << 20;
    private const int Block = 64;
    private const ulong EvenLane = 0x5555_5555_5555_5555UL;
    private const ulong OddLane = 0xAAAA_AAAA_AAAA_AAAAUL;

    private readonly int _minLength;
    private readonly bool _ascii;
    private readonly bool _utf16;
    private readonly IStringSink _sink;
    private readonly (long Start, long End)[] _pending = new (long, long)[2 * Block];
    private byte[] _buffer;
    private byte[] _narrow = new byte[256];
    private long _bufferBase;
    private int _pendingCount;
    private Run _asciiRun;
    private Run _evenRun;
    private Run _oddRun;
    private Action<long, long>? _checkpoint;
    private long _checkpointInterval;
    private long _nextCheckpoint;
    private ulong _previousPrintable = ulong.MaxValue;

    public StringScanner(int minLength, StringEncoding encoding, IStringSink sink, int bufferSize = DefaultBufferSize, long startOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 2 * Block);
        _minLength = minLength;
        _ascii = encoding.HasFlag(StringEncoding.Ascii);
        _utf16 = encoding.HasFlag(StringEncoding.Utf16Le);
        _sink = sink;
        _buffer = new byte[bufferSize];
        _bufferBase = startOffset;
    }

    public long AsciiCount { get; private set; }

    public long Utf16Count { get; private set; }

    public long BytesScanned { get; private set; }

    /// <summary>
    /// Asks for a checkpoint about every <paramref name="interval"/> strings: <paramref name="callback"/> gets
    /// (ordinal, offset) at a 64-byte block boundary (relative to where the scan started) whose two preceding bytes are
    /// not printable, so no string of either encoding is open across it and every string starting before it has been
    /// emitted. A scanner started at that offset (stream positioned there, <c>startOffset</c> = offset) with the same
    /// options then emits exactly the strings this scan emits from that ordinal on, in the same order: the blocks
    /// line up, and within a block the emission order depends on the block alone.
    /// </summary>
    public void OnCheckpoint(long interval, Action<long, long> callback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        _checkpointInterval = interval;
        _nextCheckpoint = interval;
        _checkpoint = callback;
    }

    /// <summary>Scans <paramref name="input"/> to its end; <paramref name="onChunk"/> sees every raw chunk once (for hashing, signatures) with its file offset.</summary>
    public async Task ScanAsync(Stream input, IProgress<double>? progress, long? totalLength, CancellationToken ct, Action<long, ReadOnlyMemory<byte>>? onChunk = null)
    {
        var filled = 0;
        var processed = 0;
        var eof = false;
        while (!eof)
        {
            ct.ThrowIfCancellationRequested();
            var before = filled;
            while (filled < _buffer.Length)
            {
                var read = await input.ReadAsync(_buffer.AsMemory(filled), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    eof = true;
                    break;
                }

                filled += read;
            }

            onChunk?.Invoke(_bufferBase + before, _buffer.AsMemory(before, filled - before));

            // Full blocks need one byte of look-ahead (the high byte of a UTF-16 character at bit 63).
            var fullBlocks = eof ? (filled - processed) / Block : (filled - processed - 1) / Block;
            if (eof && (filled - processed) % Block == 0 && fullBlocks > 0)
            {
                fullBlocks--; // the last block has no look-ahead byte: treat it as the tail
            }

            if (fullBlocks > 0)
            {
                ScanBlocks(processed, fullBlocks);
                processed += fullBlocks * Block;
            }

            if (eof)
            {
                ScanTail(processed, filled - processed);
                Finish(_bufferBase + filled);
                BytesScanned = _bufferBase + filled;
                break;
            }

            Compact(ref filled, ref processed);
            if (totalLength is > 0)
            {
                progress?.Report(Math.Min(1.0, (double)(_bufferBase + processed) / totalLength.Value));
            }
        }

        progress?.Report(1.0);
    }

    private void Compact(ref int filled, ref int processed)
    {
        long keep = _bufferBase + processed;
        if (_asciiRun.Active)
        {
            keep = Math.Min(keep, _asciiRun.Start);
        }

        if (_evenRun.Active)
        {
            keep = Math.Min(keep, _evenRun.Start);
        }

        if (_oddRun.Active)
        {
            keep = Math.Min(keep, _oddRun.Start);
        }

        var from = (int)(keep - _bufferBase);
        if (from > 0)
        {
            Buffer.BlockCopy(_buffer, from, _buffer, 0, filled - from);
            _bufferBase += from;
            filled -= from;
            processed -= from;
        }

        if (filled == _buffer.Length)
        {
            // One open run fills the whole buffer: grow (only pathological single runs get here).
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanBlocks(int start, int count)
    {
        ref var origin = ref MemoryMarshal.GetArrayDataReference(_buffer);
        for (var b = 0; b < count; b++)
        {
            var index = start + (b * Block);
            ref var p = ref Unsafe.Add(ref origin, index);
            if (_checkpoint is not null && AsciiCount + Utf16Count >= _nextCheckpoint && (_previousPrintable >> 62) == 0)
            {
                var ordinal = AsciiCount + Utf16Count;
                _checkpoint(ordinal, _bufferBase + index);
                _nextCheckpoint = ordinal + _checkpointInterval;
            }

            var printable = PrintableMask(ref p);
            _previousPrintable = printable;
            if (printable == 0 && !_asciiRun.Active && !_evenRun.Active && !_oddRun.Active)
            {
                continue;
            }

            var blockBase = _bufferBase + index;
            if (_ascii)
            {
                ScanLane(ref _asciiRun, printable, ulong.MaxValue, 1, blockBase, false);
            }

            if (_utf16)
            {
                var valid = printable & ZeroMask(ref Unsafe.Add(ref p, 1));
                ScanUtf16(valid, blockBase);
            }
        }
    }

    private void ScanTail(int index, int length)
    {
        if (length <= 0)
        {
            return;
        }

        Span<byte> scratch = stackalloc byte[2 * Block];
        scratch.Clear();
        _buffer.AsSpan(index, length).CopyTo(scratch);
        ref var p = ref MemoryMarshal.GetReference(scratch);
        var lengthMask = length >= Block ? ulong.MaxValue : (1UL << length) - 1;
        var printable = PrintableMask(ref p) & lengthMask;
        var blockBase = _bufferBase + index;
        if (_ascii)
        {
            ScanLane(ref _asciiRun, printable, ulong.MaxValue, 1, blockBase, false);
        }

        if (_utf16)
        {
            // A character at bit i needs byte i+1 inside the file.
            var pairMask = length - 1 >= Block ? ulong.MaxValue : (1UL << (length - 1)) - 1;
            var valid = printable & ZeroMask(ref Unsafe.Add(ref p, 1)) & pairMask;
            ScanUtf16(valid, blockBase);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanUtf16(ulong valid, long blockBase)
    {
        ScanLane(ref _evenRun, valid & EvenLane, EvenLane, 2, blockBase, true);
        ScanLane(ref _oddRun, valid & OddLane, OddLane, 2, blockBase, true);
        if (_pendingCount > 0)
        {
            FlushPending();
        }
    }

    private void Finish(long end)
    {
        if (_asciiRun.Active)
        {
            _asciiRun.Active = false;
            Close(_asciiRun.Start, end, false);
        }

        if (_evenRun.Active)
        {
            Close(_evenRun.Start, _evenRun.Start + ((end - _evenRun.Start) & ~1L), true);
        }

        if (_oddRun.Active)
        {
            Close(_oddRun.Start, _oddRun.Start + ((end - _oddRun.Start) & ~1L), true);
        }

        _evenRun.Active = false;
        _oddRun.Active = false;
        if (_pendingCount > 0)
        {
            FlushPending();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ScanLane(ref Run run, ulong mask, ulong lane, int step, long blockBase, bool utf16)
    {
        if (run.Active)
        {
            var gaps = ~mask & lane;
            if (gaps == 0)
            {
                return;
            }

            var end = BitOperations.TrailingZeroCount(gaps);
            run.Active = false;
            Close(run.Start, blockBase + end, utf16);
            mask &= ~((2UL << end) - 1);
        }

        if (mask == 0)
        {
            return;
        }

        var top = lane & (1UL << 63);
        top = top != 0 ? top : 1UL << 62;
        var longRuns = LongRuns(mask, step);
        if (longRuns == 0 && (mask & top) == 0)
        {
            return;
        }

        var longStarts = longRuns & mask & ~(mask << step);
        while (longStarts != 0)
        {
            var start = BitOperations.TrailingZeroCount(longStarts);
            var after = ~mask & lane & (ulong.MaxValue << start);
            if (after == 0)
            {
                run.Active = true;
                run.Start = blockBase + start;
                return;
            }

            Close(blockBase + start, blockBase + BitOperations.TrailingZeroCount(after), utf16);
            longStarts &= longStarts - 1;
        }

        if ((mask & top) != 0)
        {
            var gaps = ~mask & lane;
            var start = gaps == 0 ? BitOperations.TrailingZeroCount(lane) : 63 - BitOperations.LeadingZeroCount(gaps) + step;
            run.Active = true;
            run.Start = blockBase + start;
        }
    }

    /// <summary>Bit i is set when lane bits i, i+step, … i+(N-1)·step are all set inside the block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong LongRuns(ulong mask, int step)
    {
        if ((_minLength - 1) * step >= Block)
        {
            return 0;
        }

        var covered = 1;
        while (covered < _minLength)
        {
            var shift = Math.Min(covered, _minLength - covered);
            mask &= mask >> (shift * step);
            covered += shift;
        }

        return mask;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Close(long start, long end, bool utf16)
    {
        if (!utf16)
        {
            if (end - start >= _minLength)
            {
                AsciiCount++;
                _sink.OnString(StringEncoding.Ascii, start, _buffer.AsSpan((int)(start - _bufferBase), (int)(end - start)));
            }
        }
        else if ((end - start) / 2 >= _minLength)
        {
            _pending[_pendingCount++] = (start, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FlushPending()
    {
        var pending = _pending.AsSpan(0, _pendingCount);
        if (pending.Length > 1)
        {
            pending.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        }

        foreach (var (start, end) in pending)
        {
            var chars = (int)((end - start) / 2);
            if (_narrow.Length < chars)
            {
                _narrow = new byte[Math.Max(chars, _narrow.Length * 2)];
            }

            var wide = MemoryMarshal.Cast<byte, char>(_buffer.AsSpan((int)(start - _bufferBase), chars * 2));
            Ascii.FromUtf16(wide, _narrow, out _);
            Utf16Count++;
            _sink.OnString(StringEncoding.Utf16Le, start, _narrow.AsSpan(0, chars));
        }

        _pendingCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrintableMask(ref byte p)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.LoadUnsafe(ref p).AsSByte();
            var b = Vector256.LoadUnsafe(ref Unsafe.Add(ref p, 32)).AsSByte();
            return Printable(a).ExtractMostSignificantBits() | ((ulong)Printable(b).ExtractMostSignificantBits() << 32);
        }

        ulong mask = 0;
        for (var i = 0; i < 4; i++)
        {
            var v = Vector128.LoadUnsafe(ref Unsafe.Add(ref p, i * 16)).AsSByte();
            var m = (Vector128.GreaterThan(v, Vector128.Create((sbyte)0x1f)) & Vector128.LessThan(v, Vector128.Create((sbyte)0x7f)))
                | Vector128.Equals(v, Vector128.Create((sbyte)'\t'));
            mask |= (ulong)m.ExtractMostSignificantBits() << (i * 16);
        }

        return mask;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<sbyte> Printable(Vector256<sbyte> v) =>
        (Vector256.GreaterThan(v, Vector256.Create((sbyte)0x1f)) & Vector256.LessThan(v, Vector256.Create((sbyte)0x7f)))
        | Vector256.Equals(v, Vector256.Create((sbyte)'\t'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ZeroMask(ref byte p)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Equals(Vector256.LoadUnsafe(ref p), Vector256<byte>.Zero).ExtractMostSignificantBits();
            var b = Vector256.Equals(Vector256.LoadUnsafe(ref Unsafe.Add(ref p, 32)), Vector256<byte>.Zero).ExtractMostSignificantBits();
            return a | ((ulong)b << 32);
        }

        ulong mask = 0;
        for (var i = 0; i < 4; i++)
        {
            var m = Vector128.Equals(Vector128.LoadUnsafe(ref Unsafe.Add(ref p, i * 16)), Vector128<byte>.Zero);
            mask |= (ulong)m.ExtractMostSignificantBits() << (i * 16);
        }

        return mask;
    }

    private struct Run
    {
        public bool Active;
        public long Start;
    }
}
