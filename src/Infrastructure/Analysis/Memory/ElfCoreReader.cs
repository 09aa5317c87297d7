using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis.Memory;
using static CaseManager.Infrastructure.Analysis.Memory.RandomAccessReader;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// Reads the process facts of an ELF core (gcore or kernel core dump) from its notes: NT_PRPSINFO
/// (name, uid, pid, ppid, arguments), one NT_PRSTATUS per thread, NT_AUXV (entry point) and NT_FILE
/// (mapped files). The running binary is the mapped file that contains AT_ENTRY. Bad note sizes stop
/// the note walk with a warning; everything read before that is kept.
/// </summary>
internal sealed class ElfCoreReader(RandomAccessReader reader, ElfImage elf, MemoryWarnings warnings)
{
    private const uint NtPrstatus = 1;
    private const uint NtPrpsinfo = 3;
    private const uint NtAuxv = 6;
    private const uint NtFile = 0x46494c45;
    private const ulong AtEntry = 9;
    private const ulong AtExecfn = 31;
    private const int MaxNoteSegment = 64 << 20;

    private readonly List<ThreadInfo> _threads = [];
    private readonly List<MappedFile> _mappedFiles = [];
    private string? _name;
    private string? _args;
    private int? _pid;
    private int? _ppid;
    private long? _uid;
    private ulong? _entry;
    private ulong? _execFn;

    public IReadOnlyList<ThreadInfo> Threads => _threads;

    public IReadOnlyList<MappedFile> MappedFiles => _mappedFiles;

    public ProcessInfo? Process { get; private set; }

    public void Read()
    {
        var notes = elf.Segments.Where(s => s.Type == ElfImage.PtNote).ToList();
        if (notes.Count == 0)
        {
            warnings.Add(MemoryCodes.WarnCoreNoNotes);
        }

        foreach (var segment in notes)
        {
            if (segment.Offset >= (ulong)reader.Length)
            {
                warnings.Add(MemoryCodes.WarnCoreNotesBeyondEnd, MemoryWarnings.Offset("offset", (long)segment.Offset));
                continue;
            }

            var size = (int)Math.Min(segment.FileSize, MaxNoteSegment);
            var data = reader.Read((long)segment.Offset, size);
            if ((ulong)data.Length < segment.FileSize)
            {
                warnings.Add(MemoryCodes.WarnCoreNotesTruncated, MemoryWarnings.Bytes("readable", data.Length), MemoryWarnings.Bytes("size", (long)segment.FileSize));
            }

            WalkNotes(data);
        }

        var beyond = elf.Segments.Count(s => s.Type == ElfImage.PtLoad && s.FileSize > 0 && s.Offset + s.FileSize > (ulong)reader.Length);
        if (beyond > 0)
        {
            warnings.Add(MemoryCodes.WarnCoreTruncated, MemoryWarnings.CountOf("count", beyond));
        }

        if (_name is null && _pid is null && _threads.Count == 0 && _mappedFiles.Count == 0)
        {
            return;
        }

        Process = new ProcessInfo(ProcessName(), _pid ?? (_threads.Count > 0 ? (int)_threads[0].ThreadId : null), _ppid, _uid, _args, ExecutablePath());
    }

    /// <summary>
    /// gdb's gcore fills pr_fname with the basename of argv[0], so a disguise such as "[ksoftirqd/7]" arrives
    /// as "7]"; the kernel fills it with comm. When argv[0] is a bracketed name ending in pr_fname, it is the name.
    /// </summary>
    private string? ProcessName()
    {
        var argv0 = _args?.Split(' ', 2)[0];
        if (argv0 is { Length: > 2 } && argv0.StartsWith('[') && argv0.EndsWith(']') && _name is { Length: > 0 } && argv0.EndsWith(_name, StringComparison.Ordinal))
        {
            return argv0;
        }

        return _name;
    }

    private string? ExecutablePath()
    {
        if (_entry is { } entry && _mappedFiles.FirstOrDefault(f => entry >= f.Start && entry < f.End) is { } mapping)
        {
            return mapping.Path;
        }

        if (_execFn is { } execFn && elf.FileOffsetOf(execFn) is { } offset)
        {
            var path = reader.ReadCString(offset, 4096);
            if (path.Length > 0)
            {
                return path;
            }
        }

        return _mappedFiles.FirstOrDefault(f => f.FileOffset == 0)?.Path;
    }

    private void WalkNotes(ReadOnlySpan<byte> data)
    {
        var le = elf.LittleEndian;
        var position = 0;
        while (position + 12 <= data.Length)
        {
            var nameSize = U32(data, position, le);
            var descSize = U32(data, position + 4, le);
            var type = U32(data, position + 8, le);
            var nameStart = position + 12;
            var descStart = (long)nameStart + Align4(nameSize);
            var next = descStart + Align4(descSize);
            if (nameSize > (uint)data.Length || descSize > (uint)data.Length || next > data.Length)
            {
                warnings.Add(MemoryCodes.WarnCoreBogusNote, MemoryWarnings.Offset("offset", position), MemoryWarnings.Bytes("name", nameSize), MemoryWarnings.Bytes("desc", descSize));
                return;
            }

            var name = CString(data.Slice(nameStart, (int)nameSize));
            var desc = data.Slice((int)descStart, (int)descSize);
            if (name == "CORE")
            {
                switch (type)
                {
                    case NtPrstatus:
                        ReadPrstatus(desc);
                        break;
                    case NtPrpsinfo:
                        ReadPrpsinfo(desc);
                        break;
                    case NtAuxv:
                        ReadAuxv(desc);
                        break;
                    case NtFile:
                        ReadFileNote(desc);
                        break;
                }
            }

            position = (int)next;
        }
    }

    private static long Align4(uint value) => ((long)value + 3) & ~3L;

    private void ReadPrstatus(ReadOnlySpan<byte> desc)
    {
        // elf_prstatus: siginfo (12), cursig (2) + pad, sigpend, sighold (longs), then pid, ppid, pgrp, sid.
        var pidOffset = elf.Is64 ? 32 : 24;
        if (desc.Length < pidOffset + 8)
        {
            warnings.Add(MemoryCodes.WarnCorePrstatusShort);
            return;
        }

        var pid = (int)U32(desc, pidOffset, elf.LittleEndian);
        var signal = U16(desc, 12, elf.LittleEndian);

        // x86-64: pr_reg (user_regs_struct) at 112, rip is its 17th register.
        ulong? pc = elf.Is64 && elf.Machine == 62 && desc.Length >= 112 + 216 ? U64(desc, 112 + (16 * 8), elf.LittleEndian) : null;
        _threads.Add(new ThreadInfo(pid, null, null, signal == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"signal {signal}"), pc));
        _ppid ??= (int)U32(desc, pidOffset + 4, elf.LittleEndian);
    }

    private void ReadPrpsinfo(ReadOnlySpan<byte> desc)
    {
        // 64-bit: state, sname, zomb, nice, pad, flag (8), uid (4) @16, gid @20, pid @24, ppid @28, pgrp, sid, fname[16] @40, psargs[80] @56.
        // i386:   state..nice, flag (4), uid (2) @8, gid (2) @10, pid @12, ppid @16, pgrp, sid, fname[16] @28, psargs[80] @44.
        var le = elf.LittleEndian;
        if (elf.Is64 && desc.Length >= 136)
        {
            _uid = U32(desc, 16, le);
            _pid = (int)U32(desc, 24, le);
            _ppid = (int)U32(desc, 28, le);
            _name = CString(desc.Slice(40, 16));
            _args = CString(desc.Slice(56, 80)).TrimEnd();
        }
        else if (!elf.Is64 && desc.Length >= 124)
        {
            _uid = U16(desc, 8, le);
            _pid = (int)U32(desc, 12, le);
            _ppid = (int)U32(desc, 16, le);
            _name = CString(desc.Slice(28, 16));
            _args = CString(desc.Slice(44, 80)).TrimEnd();
        }
        else
        {
            warnings.Add(MemoryCodes.WarnCorePrpsinfoSize, MemoryWarnings.Bytes("size", desc.Length));
        }
    }

    private void ReadAuxv(ReadOnlySpan<byte> desc)
    {
        var word = elf.Is64 ? 8 : 4;
        for (var i = 0; i + (2 * word) <= desc.Length; i += 2 * word)
        {
            var key = Word(desc, i, elf.Is64, elf.LittleEndian);
            var value = Word(desc, i + word, elf.Is64, elf.LittleEndian);
            if (key == AtEntry)
            {
                _entry = value;
            }
            else if (key == AtExecfn)
            {
                _execFn = value;
            }
        }
    }

    private void ReadFileNote(ReadOnlySpan<byte> desc)
    {
        // count, page_size, then count × (start, end, file_ofs in pages), then count NUL-terminated names.
        var word = elf.Is64 ? 8 : 4;
        if (desc.Length < 2 * word)
        {
            warnings.Add(MemoryCodes.WarnCoreFileNoteShort);
            return;
        }

        var count = Word(desc, 0, elf.Is64, elf.LittleEndian);
        var pageSize = Word(desc, word, elf.Is64, elf.LittleEndian);
        var tableEnd = (2 * word) + (3 * word * (decimal)count);
        if (tableEnd > desc.Length)
        {
            warnings.Add(MemoryCodes.WarnCoreFileNoteCount, MemoryWarnings.CountOf("count", (long)count));
            return;
        }

        var names = desc[(int)tableEnd..];
        for (var i = 0; i < (int)count; i++)
        {
            var entry = (2 * word) + (3 * word * i);
            var start = Word(desc, entry, elf.Is64, elf.LittleEndian);
            var end = Word(desc, entry + word, elf.Is64, elf.LittleEndian);
            var page = Word(desc, entry + (2 * word), elf.Is64, elf.LittleEndian);
            var nul = names.IndexOf((byte)0);
            if (nul < 0)
            {
                warnings.Add(MemoryCodes.WarnCoreFileNoteNames);
                return;
            }

            _mappedFiles.Add(new MappedFile(start, end, unchecked(page * pageSize), Encoding.UTF8.GetString(names[..nul])));
            names = names[(nul + 1)..];
        }
    }
}
