using System.Runtime.CompilerServices;
using CaseManager.Application.Analysis.Memory;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// Writes strings as GNU <c>strings -t d</c> does: <c>"%7ld %s\n"</c>, the decimal file offset right-aligned
/// in seven columns. ASCII and UTF-16LE strings can go to different streams, so a single pass can
/// reproduce GNU's two separate runs.
/// </summary>
public sealed class GnuStringsWriter(Stream asciiOutput, Stream? utf16Output = null) : IStringSink
{
    private const int Width = 7;
    private readonly Target _ascii = new(asciiOutput);
    private readonly Target? _utf16 = utf16Output is null ? null : new Target(utf16Output);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnString(StringEncoding encoding, long offset, ReadOnlySpan<byte> text)
    {
        var target = encoding == StringEncoding.Utf16Le && _utf16 is not null ? _utf16 : _ascii;
        target.WriteLine(offset, text);
    }

    public void Flush()
    {
        _ascii.Flush();
        _utf16?.Flush();
    }

    private sealed class Target(Stream output)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _used;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void WriteLine(long offset, ReadOnlySpan<byte> text)
        {
            var need = text.Length + 22;
            if (_used + need > _buffer.Length)
            {
                Flush();
                if (need > _buffer.Length)
                {
                    WriteSlow(offset, text);
                    return;
                }
            }

            var span = _buffer.AsSpan(_used);
            var written = FormatOffset(offset, span);
            text.CopyTo(span[written..]);
            written += text.Length;
            span[written++] = (byte)'\n';
            _used += written;
        }

        public void Flush()
        {
            if (_used > 0)
            {
                output.Write(_buffer, 0, _used);
                _used = 0;
            }
        }

        private void WriteSlow(long offset, ReadOnlySpan<byte> text)
        {
            Span<byte> head = stackalloc byte[24];
            var written = FormatOffset(offset, head);
            output.Write(head[..written]);
            output.Write(text);
            output.WriteByte((byte)'\n');
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int FormatOffset(long offset, Span<byte> span)
        {
            Span<byte> digits = stackalloc byte[20];
            offset.TryFormat(digits, out var count, default, System.Globalization.CultureInfo.InvariantCulture);
            var pad = Math.Max(0, Width - count);
            span[..pad].Fill((byte)' ');
            digits[..count].CopyTo(span[pad..]);
            span[pad + count] = (byte)' ';
            return pad + count + 1;
        }
    }
}
