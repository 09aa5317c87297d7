using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Win32.SafeHandles;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>A list whose records went to a temporary file; writes them as JSON array elements.</summary>
internal interface ISpooledJson
{
    void WriteJsonElements(Stream output);
}

/// <summary>
/// A result list of the CLI document without a row cap and without holding a large capture's records: up to
/// <see cref="MemoryLimit"/> records stay in memory; beyond that the oldest are written, as their JSON, in sorted runs
/// to an unlinked temporary file. At the end the runs are merged by key (a conversation's protocol
/// and stream, or the order records were added), so the list keeps the order of the in-memory case.
/// <see cref="WriteJsonElements"/> copies the JSON bytes straight to the output; enumerating a spilled list reads it back.
/// </summary>
internal sealed class RecordSpool<T> : IReadOnlyList<T>, ISpooledJson, IDisposable
{
    public const int DefaultMemoryLimit = 8_192;

    private const int ReadBufferSize = 64 * 1024;
    private const int ChunkSize = 1 << 20;

    private readonly JsonTypeInfo<T> _json;
    private readonly Func<T, long>? _key;
    private readonly List<T> _buffer = [];
    private readonly List<long> _bufferKeys = [];
    private readonly List<(long Offset, long Length)> _runs = [];
    private SafeFileHandle? _file;
    private long _fileLength;
    private long _spilled;
    private List<T>? _loaded;

    // Reused by every spill: a new 1 MiB buffer per spill went to the large-object heap, and on the 1 GB capture those
    // (about 150 spills per list) set off a full collection almost every time.
    private ArrayBufferWriter<byte>? _spillOutput;
    private ArrayBufferWriter<byte>? _spillElement;
    private Utf8JsonWriter? _spillWriter;

    /// <param name="json">The record's source-generated JSON contract (the same as the CLI document's).</param>
    /// <param name="key">Sort key (records come out in key order, ties in the order added); null keeps the order added.</param>
    /// <param name="memoryLimit">Records held in memory before the oldest are spilled.</param>
    public RecordSpool(JsonTypeInfo<T> json, Func<T, long>? key = null, int memoryLimit = DefaultMemoryLimit)
    {
        _json = json;
        _key = key;
        MemoryLimit = Math.Max(2, memoryLimit);
    }

    public int MemoryLimit { get; }

    /// <summary>True once records went to the temporary file.</summary>
    public bool Spilled => _runs.Count > 0;

    public int Count => checked((int)(_spilled + _buffer.Count));

    public long LongCount => _spilled + _buffer.Count;

    public T this[int index] => Spilled ? Loaded()[index] : _buffer[index];

    /// <summary>The records: the in-memory list itself when nothing was spilled, else this spool.</summary>
    public IReadOnlyList<T> AsList()
    {
        Complete();
        return Spilled ? this : _buffer;
    }

    /// <summary>Adds a record; returns its index (valid for <see cref="TryUpdate"/> while the record is in memory).</summary>
    public long Add(T item)
    {
        if (_buffer.Count >= MemoryLimit)
        {
            Spill(MemoryLimit / 8);
        }

        _buffer.Add(item);
        _bufferKeys.Add(_key is null ? LongCount : _key(item));
        return LongCount - 1;
    }

    /// <summary>Replaces the record at <paramref name="index"/> when it is still in memory (unsorted spools only).</summary>
    public bool TryUpdate(long index, Func<T, T> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var at = index - _spilled;
        if (_key is not null || at < 0 || at >= _buffer.Count)
        {
            return false;
        }

        _buffer[(int)at] = update(_buffer[(int)at]);
        return true;
    }

    /// <summary>Ends the adding: sorts what is in memory.</summary>
    public void Complete()
    {
        if (_key is not null && _buffer.Count > 1)
        {
            SortBuffer();
        }
    }

    /// <summary>Writes the records as JSON array elements (comma separated, no brackets) in order, in 1 MiB writes.</summary>
    public void WriteJsonElements(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Complete();
        var chunk = new ArrayBufferWriter<byte>(ChunkSize + (64 * 1024));
        var first = true;
        void Append(ReadOnlySpan<byte> element)
        {
            if (!first)
            {
                chunk.Write(","u8);
            }

            chunk.Write(element);
            first = false;
            if (chunk.WrittenCount >= ChunkSize)
            {
                output.Write(chunk.WrittenSpan);
                chunk.ResetWrittenCount();
            }
        }

        if (!Spilled)
        {
            var scratch = new ArrayBufferWriter<byte>(1024);
            using var writer = new Utf8JsonWriter(scratch, new JsonWriterOptions { SkipValidation = true });
            foreach (var item in _buffer)
            {
                scratch.ResetWrittenCount();
                writer.Reset(scratch);
                JsonSerializer.Serialize(writer, item, _json);
                writer.Flush();
                Append(scratch.WrittenSpan);
            }
        }
        else
        {
            foreach (var element in Merge(new ArrayBufferWriter<byte>()))
            {
                Append(element.Span);
            }
        }

        output.Write(chunk.WrittenSpan);
    }

    public IEnumerator<T> GetEnumerator()
    {
        Complete();
        if (!Spilled)
        {
            return _buffer.GetEnumerator();
        }

        return _loaded?.GetEnumerator() ?? ReadBack().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _spillWriter?.Dispose();
        _spillWriter = null;
    }

    private IEnumerable<T> ReadBack()
    {
        foreach (var element in Merge(new ArrayBufferWriter<byte>()))
        {
            yield return JsonSerializer.Deserialize(element.Span, _json)!;
        }
    }

    private List<T> Loaded()
    {
        if (_loaded is not null)
        {
            return _loaded;
        }

        var all = new List<T>(Count);
        foreach (var element in Merge(new ArrayBufferWriter<byte>()))
        {
            all.Add(JsonSerializer.Deserialize(element.Span, _json)!);
        }

        return _loaded = all;
    }

    private void SortBuffer()
    {
        var keys = _bufferKeys.ToArray();
        var items = _buffer.ToArray();
        var order = new int[items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) => keys[x] != keys[y] ? keys[x].CompareTo(keys[y]) : x.CompareTo(y));
        _buffer.Clear();
        _bufferKeys.Clear();
        foreach (var i in order)
        {
            _buffer.Add(items[i]);
            _bufferKeys.Add(keys[i]);
        }
    }

    /// <summary>Writes all but the <paramref name="keep"/> newest records (by key) as one sorted run.</summary>
    private void Spill(int keep)
    {
        if (_key is not null)
        {
            SortBuffer();
        }

        var count = _buffer.Count - keep;
        _file ??= OpenTemporaryFile();
        var start = _fileLength;
        var output = _spillOutput ??= new ArrayBufferWriter<byte>((1 << 20) + (64 * 1024));
        output.ResetWrittenCount();
        var element = _spillElement ??= new ArrayBufferWriter<byte>(512);
        var writer = _spillWriter ??= new Utf8JsonWriter(element, new JsonWriterOptions { SkipValidation = true });
        for (var i = 0; i < count; i++)
        {
            element.ResetWrittenCount();
            writer.Reset(element);
            JsonSerializer.Serialize(writer, _buffer[i], _json);
            writer.Flush();
            var header = output.GetSpan(12);
            BinaryPrimitives.WriteInt64LittleEndian(header, _bufferKeys[i]);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], element.WrittenCount);
            output.Advance(12);
            output.Write(element.WrittenSpan);
            if (output.WrittenCount >= (1 << 20))
            {
                RandomAccess.Write(_file, output.WrittenSpan, _fileLength);
                _fileLength += output.WrittenCount;
                output.ResetWrittenCount();
            }
        }

        RandomAccess.Write(_file, output.WrittenSpan, _fileLength);
        _fileLength += output.WrittenCount;
        _runs.Add((start, _fileLength - start));
        _buffer.RemoveRange(0, count);
        _bufferKeys.RemoveRange(0, count);
        _spilled += count;
    }

    private static SafeFileHandle OpenTemporaryFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"casemgr-spool-{Guid.NewGuid():N}.tmp");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path); // unlinked: the data lives as long as the handle, even if the process dies
        }

        return handle;
    }

    /// <summary>The JSON of every record in key order: a k-way merge of the runs and the in-memory tail.</summary>
    private IEnumerable<ReadOnlyMemory<byte>> Merge(ArrayBufferWriter<byte> scratch)
    {
        var readers = _runs.Select(r => new RunReader(_file!, r.Offset, r.Length)).ToList();
        var tail = 0;
        var queue = new PriorityQueue<int, (long Key, int Source)>();
        for (var i = 0; i < readers.Count; i++)
        {
            if (readers[i].MoveNext())
            {
                queue.Enqueue(i, (readers[i].Key, i));
            }
        }

        var tailSource = readers.Count;
        if (_buffer.Count > 0)
        {
            queue.Enqueue(tailSource, (_bufferKeys[0], tailSource));
        }

        using var writer = new Utf8JsonWriter(scratch, new JsonWriterOptions { SkipValidation = true });
        while (queue.TryDequeue(out var source, out _))
        {
            if (source == tailSource)
            {
                scratch.ResetWrittenCount();
                writer.Reset(scratch);
                JsonSerializer.Serialize(writer, _buffer[tail], _json);
                writer.Flush();
                yield return scratch.WrittenMemory;
                if (++tail < _buffer.Count)
                {
                    queue.Enqueue(tailSource, (_bufferKeys[tail], tailSource));
                }

                continue;
            }

            var reader = readers[source];
            yield return reader.Current;
            if (reader.MoveNext())
            {
                queue.Enqueue(source, (reader.Key, source));
            }
        }
    }

    /// <summary>Reads one run's <c>[key:8][length:4][json]</c> records through its own buffer.</summary>
    private sealed class RunReader(SafeFileHandle file, long offset, long length)
    {
        private readonly long _end = offset + length;
        private byte[] _buffer = new byte[ReadBufferSize];
        private long _position = offset;
        private int _start;
        private int _filled;

        public long Key { get; private set; }

        public ReadOnlyMemory<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (!Ensure(12))
            {
                return false;
            }

            Key = BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(_start));
            var size = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start + 8));
            _start += 12;
            if (!Ensure(size))
            {
                throw new InvalidDataException("The spool file ends inside a record.");
            }

            Current = _buffer.AsMemory(_start, size);
            _start += size;
            return true;
        }

        private bool Ensure(int count)
        {
            if (_filled - _start >= count)
            {
                return true;
            }

            if (count > _buffer.Length)
            {
                Array.Resize(ref _buffer, count * 2);
            }

            var left = _filled - _start;
            _buffer.AsSpan(_start, left).CopyTo(_buffer);
            _start = 0;
            _filled = left;
            while (_filled < count && _position < _end)
            {
                var want = (int)Math.Min(_buffer.Length - _filled, _end - _position);
                var read = RandomAccess.Read(file, _buffer.AsSpan(_filled, want), _position);
                if (read <= 0)
                {
                    break;
                }

                _filled += read;
                _position += read;
            }

            return _filled >= count;
        }
    }
}
