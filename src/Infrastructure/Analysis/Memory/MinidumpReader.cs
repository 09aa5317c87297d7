using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis.Memory;
using static CaseManager.Infrastructure.Analysis.Memory.RandomAccessReader;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// Windows minidump (MDMP) reader: stream directory, ModuleListStream (path, base, size, timestamp),
/// ThreadListStream (id, stack), MiscInfoStream (process id) and SystemInfoStream. Out-of-range
/// locations become warnings and the rest of the dump is still read.
/// </summary>
internal sealed class MinidumpReader(RandomAccessReader reader, MemoryWarnings warnings)
{
    public const uint Signature = 0x504d444d; // "MDMP"
    private const uint ThreadListStream = 3;
    private const uint ModuleListStream = 4;
    private const uint SystemInfoStream = 7;
    private const uint MiscInfoStream = 15;
    private const int MaxEntries = 1 << 16;

    public List<ModuleInfo> Modules { get; } = [];

    public List<ThreadInfo> Threads { get; } = [];

    public int? ProcessId { get; private set; }

    public DateTimeOffset? ProcessCreated { get; private set; }

    public string? System { get; private set; }

    public DateTimeOffset? Timestamp { get; private set; }

    public void Read()
    {
        var header = reader.Read(0, 32);
        if (header.Length < 32)
        {
            warnings.Add(MemoryCodes.WarnMinidumpHeaderTruncated);
            return;
        }

        var streams = U32(header, 8, true);
        var directory = U32(header, 12, true);
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(U32(header, 20, true));
        if (streams > 4096)
        {
            warnings.Add(MemoryCodes.WarnMinidumpTooManyStreams, MemoryWarnings.CountOf("count", streams));
            streams = 4096;
        }

        var entries = reader.Read(directory, (int)streams * 12);
        if (entries.Length < streams * 12)
        {
            warnings.Add(MemoryCodes.WarnMinidumpDirectoryTruncated, MemoryWarnings.CountOf("readable", entries.Length / 12), MemoryWarnings.CountOf("count", streams));
        }

        for (var i = 0; i + 12 <= entries.Length; i += 12)
        {
            var type = U32(entries, i, true);
            var size = U32(entries, i + 4, true);
            var rva = U32(entries, i + 8, true);
            if ((long)rva + size > reader.Length)
            {
                warnings.Add(MemoryCodes.WarnMinidumpStreamBeyondEnd, MemoryWarnings.Number("type", type), MemoryWarnings.Bytes("size", size), MemoryWarnings.Offset("offset", rva));
            }

            switch (type)
            {
                case ThreadListStream:
                    ReadThreads(rva, size);
                    break;
                case ModuleListStream:
                    ReadModules(rva, size);
                    break;
                case MiscInfoStream:
                    ReadMiscInfo(rva, size);
                    break;
                case SystemInfoStream:
                    ReadSystemInfo(rva, size);
                    break;
            }
        }
    }

    private void ReadThreads(uint rva, uint size)
    {
        var data = reader.Read(rva, (int)Math.Min(size, 48 * MaxEntries + 4));
        if (data.Length < 4)
        {
            return;
        }

        var count = U32(data, 0, true);
        for (var i = 0; i < count && 4 + ((i + 1) * 48) <= data.Length; i++)
        {
            var t = data.AsSpan(4 + (i * 48), 48);
            Threads.Add(new ThreadInfo(U32(t, 0, true), U64(t, 24, true), U32(t, 32, true), U32(t, 4, true) > 0 ? "suspended" : null));
        }

        if (Threads.Count < count)
        {
            warnings.Add(MemoryCodes.WarnMinidumpThreadsTruncated, MemoryWarnings.CountOf("readable", Threads.Count), MemoryWarnings.CountOf("count", count));
        }
    }

    private void ReadModules(uint rva, uint size)
    {
        const int entry = 108;
        var data = reader.Read(rva, (int)Math.Min(size, entry * MaxEntries + 4));
        if (data.Length < 4)
        {
            return;
        }

        var count = U32(data, 0, true);
        var read = 0;
        for (var i = 0; i < count && 4 + ((i + 1) * entry) <= data.Length; i++, read++)
        {
            var m = data.AsSpan(4 + (i * entry), entry);
            var timestamp = U32(m, 16, true);
            Modules.Add(new ModuleInfo(
                ReadString(U32(m, 20, true)),
                U64(m, 0, true),
                U32(m, 8, true),
                timestamp == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(timestamp)));
        }

        if (read < count)
        {
            warnings.Add(MemoryCodes.WarnMinidumpModulesTruncated, MemoryWarnings.CountOf("readable", read), MemoryWarnings.CountOf("count", count));
        }
    }

    private void ReadMiscInfo(uint rva, uint size)
    {
        var data = reader.Read(rva, (int)Math.Min(size, 4096));
        if (data.Length < 16)
        {
            return;
        }

        var flags = U32(data, 4, true);
        if ((flags & 1) != 0)
        {
            ProcessId = (int)U32(data, 8, true);
        }

        if ((flags & 2) != 0 && U32(data, 12, true) is var created and > 0)
        {
            ProcessCreated = DateTimeOffset.FromUnixTimeSeconds(created);
        }
    }

    private void ReadSystemInfo(uint rva, uint size)
    {
        var data = reader.Read(rva, (int)Math.Min(size, 64));
        if (data.Length < 24)
        {
            return;
        }

        var architecture = U16(data, 0, true) switch
        {
            0 => "x86",
            5 => "arm",
            9 => "x64",
            12 => "arm64",
            var a => "arch-" + a.ToString(CultureInfo.InvariantCulture),
        };
        System = string.Create(CultureInfo.InvariantCulture, $"Windows {U32(data, 8, true)}.{U32(data, 12, true)}.{U32(data, 16, true)} {architecture}");
    }

    /// <summary>MINIDUMP_STRING: a 32-bit byte length, then UTF-16LE characters.</summary>
    private string ReadString(uint rva)
    {
        var length = reader.Read(rva, 4);
        if (length.Length < 4)
        {
            warnings.Add(MemoryCodes.WarnMinidumpModuleNameBeyondEnd);
            return string.Empty;
        }

        var bytes = reader.Read(rva + 4L, (int)Math.Min(U32(length, 0, true), 4096));
        return Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1);
    }
}
