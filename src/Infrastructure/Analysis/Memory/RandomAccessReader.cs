using System.Buffers.Binary;
using System.Text;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>Bounded random-access reads over a seekable stream, for format headers and tables (never the bulk data).</summary>
internal sealed class RandomAccessReader(Stream stream)
{
    public long Length { get; } = stream.Length;

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>; fewer when the file ends first.</summary>
    public byte[] Read(long offset, int count)
    {
        if (offset < 0 || offset >= Length || count <= 0)
        {
            return [];
        }

        var available = (int)Math.Min(count, Length - offset);
        var buffer = new byte[available];
        stream.Position = offset;
        stream.ReadAtLeast(buffer, available, throwOnEndOfStream: false);
        return buffer;
    }

    /// <summary>Reads a NUL-terminated ASCII/UTF-8 string of at most <paramref name="max"/> bytes.</summary>
    public string ReadCString(long offset, int max = 256)
    {
        var bytes = Read(offset, max);
        var end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }

    public static ulong Word(ReadOnlySpan<byte> data, int offset, bool is64, bool littleEndian) =>
        is64 ? U64(data, offset, littleEndian) : U32(data, offset, littleEndian);

    public static ulong U64(ReadOnlySpan<byte> data, int offset, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]) : BinaryPrimitives.ReadUInt64BigEndian(data[offset..]);

    public static uint U32(ReadOnlySpan<byte> data, int offset, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]) : BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);

    public static ushort U16(ReadOnlySpan<byte> data, int offset, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]) : BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);

    public static string CString(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? data : data[..end]);
    }
}
