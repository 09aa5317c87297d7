using System.Buffers.Binary;
using System.Text;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// Rows of one table encoded for the writer thread: per value a tag byte, then 8 bytes (integer, real) or a 4-byte
/// length and the UTF-8 bytes (text); nothing for null. Rows follow each other; the schema gives their width.
/// The bytes live in a pinned array, so texts are bound without a copy (<see cref="SqliteBinding.Text"/>): the batch is
/// reused only after every row in it was stepped.
/// </summary>
internal sealed class RowBatch(int capacity)
{
    private const byte NullTag = 0;
    private const byte IntegerTag = 1;
    private const byte RealTag = 2;
    private const byte TextTag = 3;

    private byte[] _bytes = GC.AllocateUninitializedArray<byte>(capacity, pinned: true);

    public int Length { get; private set; }

    public int Rows { get; set; }

    public void Clear()
    {
        Length = 0;
        Rows = 0;
    }

    /// <summary>Drops what was written after <paramref name="length"/> (an unfinished row).</summary>
    public void Truncate(int length) => Length = length;

    public void Null() => Room(1)[0] = NullTag;

    public void Integer(long value)
    {
        var span = Room(9);
        span[0] = IntegerTag;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], value);
    }

    public void Real(double value)
    {
        var span = Room(9);
        span[0] = RealTag;
        BinaryPrimitives.WriteDoubleLittleEndian(span[1..], value);
    }

    public void Text(ReadOnlySpan<char> value)
    {
        Reserve(5 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var span = _bytes.AsSpan(Length);
        span[0] = TextTag;
        var written = Encoding.UTF8.GetBytes(value, span[5..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], written);
        Length += 5 + written;
    }

    private Span<byte> Room(int bytes)
    {
        Reserve(bytes);
        var span = _bytes.AsSpan(Length, bytes);
        Length += bytes;
        return span;
    }

    private void Reserve(int bytes)
    {
        if (_bytes.Length - Length < bytes)
        {
            var bigger = GC.AllocateUninitializedArray<byte>(Math.Max(_bytes.Length * 2, Length + bytes), pinned: true);
            _bytes.AsSpan(0, Length).CopyTo(bigger);
            _bytes = bigger;
        }
    }

    /// <summary>Reads a batch's values in order and binds each to a statement parameter.</summary>
    public ref struct Reader(RowBatch batch)
    {
        private readonly ReadOnlySpan<byte> _bytes = batch._bytes.AsSpan(0, batch.Length);
        private int _at;

        /// <summary>Binds the next value to parameter <paramref name="index"/> (from 1) of a statement's raw pointer; returns SQLite's result code.</summary>
        public int Bind(IntPtr statement, int index)
        {
            var tag = _bytes[_at];
            switch (tag)
            {
                case IntegerTag:
                    _at += 9;
                    return SqliteBinding.Integer(statement, index, BinaryPrimitives.ReadInt64LittleEndian(_bytes[(_at - 8)..]));
                case RealTag:
                    _at += 9;
                    return SqliteBinding.Real(statement, index, BinaryPrimitives.ReadDoubleLittleEndian(_bytes[(_at - 8)..]));
                case TextTag:
                    var length = BinaryPrimitives.ReadInt32LittleEndian(_bytes[(_at + 1)..]);
                    var text = _bytes.Slice(_at + 5, length);
                    _at += 5 + length;
                    return SqliteBinding.Text(statement, index, text);
                default:
                    _at++;
                    return SqliteBinding.Null(statement, index);
            }
        }
    }
}
