using static CaseManager.Infrastructure.Analysis.Memory.RandomAccessReader;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>ELF header, program headers and section headers (32/64-bit, either byte order), read defensively.</summary>
internal sealed class ElfImage
{
    public const ushort CoreType = 4;
    public const uint PtLoad = 1;
    public const uint PtDynamic = 2;
    public const uint PtInterp = 3;
    public const uint PtNote = 4;
    private const int MaxHeaders = 1 << 16;

    private ElfImage(bool is64, bool littleEndian)
    {
        Is64 = is64;
        LittleEndian = littleEndian;
    }

    public bool Is64 { get; }

    public bool LittleEndian { get; }

    public ushort Type { get; private set; }

    public ushort Machine { get; private set; }

    public ulong Entry { get; private set; }

    public List<ElfSegment> Segments { get; } = [];

    public List<ElfSection> Sections { get; } = [];

    public static bool HasMagic(ReadOnlySpan<byte> header) =>
        header.Length >= 20 && header[..4].SequenceEqual("\u007fELF"u8) && header[4] is 1 or 2 && header[5] is 1 or 2;

    public static ElfImage? Parse(RandomAccessReader reader, MemoryWarnings warnings)
    {
        var header = reader.Read(0, 64);
        if (!HasMagic(header) || header.Length < (header[4] == 2 ? 64 : 52))
        {
            warnings.Add(MemoryCodes.WarnElfHeaderTruncated);
            return null;
        }

        var elf = new ElfImage(header[4] == 2, header[5] == 1);
        var le = elf.LittleEndian;
        elf.Type = U16(header, 16, le);
        elf.Machine = U16(header, 18, le);
        elf.Entry = Word(header, 24, elf.Is64, le);
        var phoff = Word(header, elf.Is64 ? 32 : 28, elf.Is64, le);
        var shoff = Word(header, elf.Is64 ? 40 : 32, elf.Is64, le);
        int phentsize = U16(header, elf.Is64 ? 54 : 42, le);
        int phnum = U16(header, elf.Is64 ? 56 : 44, le);
        int shentsize = U16(header, elf.Is64 ? 58 : 46, le);
        int shnum = U16(header, elf.Is64 ? 60 : 48, le);
        int shstrndx = U16(header, elf.Is64 ? 62 : 50, le);
        var minPh = elf.Is64 ? 56 : 32;
        var minSh = elf.Is64 ? 64 : 40;

        // Section header 0 carries the real counts when they overflow 16 bits (PN_XNUM, SHN_XINDEX).
        if (shoff != 0 && shentsize >= minSh && (phnum == 0xffff || shnum == 0 || shstrndx == 0xffff))
        {
            var first = reader.Read((long)Math.Min(shoff, long.MaxValue), minSh);
            if (first.Length == minSh)
            {
                phnum = phnum == 0xffff ? (int)Math.Min(U32(first, elf.Is64 ? 44 : 28, le), MaxHeaders) : phnum;
                shnum = shnum == 0 ? (int)Math.Min(Word(first, elf.Is64 ? 32 : 20, elf.Is64, le), MaxHeaders) : shnum;
                shstrndx = shstrndx == 0xffff ? (int)U32(first, elf.Is64 ? 40 : 24, le) : shstrndx;
            }
        }

        if (phnum > 0)
        {
            if (phentsize < minPh)
            {
                warnings.Add(MemoryCodes.WarnElfProgramEntrySize, MemoryWarnings.Bytes("size", phentsize));
            }
            else
            {
                elf.ReadSegments(reader, phoff, phentsize, phnum, warnings);
            }
        }

        if (shnum > 0 && shoff != 0)
        {
            if (shentsize < minSh)
            {
                warnings.Add(MemoryCodes.WarnElfSectionEntrySize, MemoryWarnings.Bytes("size", shentsize));
            }
            else
            {
                elf.ReadSections(reader, shoff, shentsize, shnum, shstrndx, warnings);
            }
        }

        return elf;
    }

    /// <summary>Maps a virtual address to a file offset through the PT_LOAD segments.</summary>
    public long? FileOffsetOf(ulong address)
    {
        foreach (var s in Segments)
        {
            if (s.Type == PtLoad && address >= s.VirtualAddress && address - s.VirtualAddress < s.FileSize)
            {
                return (long)(s.Offset + (address - s.VirtualAddress));
            }
        }

        return null;
    }

    private void ReadSegments(RandomAccessReader reader, ulong phoff, int entsize, int count, MemoryWarnings warnings)
    {
        var table = reader.Read((long)Math.Min(phoff, long.MaxValue), (int)Math.Min((long)entsize * count, int.MaxValue));
        var complete = table.Length / entsize;
        if (complete < count)
        {
            warnings.Add(MemoryCodes.WarnElfProgramHeadersTruncated, MemoryWarnings.CountOf("readable", complete), MemoryWarnings.CountOf("count", count));
        }

        for (var i = 0; i < complete; i++)
        {
            var e = table.AsSpan(i * entsize, entsize);
            Segments.Add(Is64
                ? new ElfSegment(U32(e, 0, LittleEndian), U32(e, 4, LittleEndian), U64(e, 8, LittleEndian), U64(e, 16, LittleEndian), U64(e, 32, LittleEndian), U64(e, 40, LittleEndian))
                : new ElfSegment(U32(e, 0, LittleEndian), U32(e, 24, LittleEndian), U32(e, 4, LittleEndian), U32(e, 8, LittleEndian), U32(e, 16, LittleEndian), U32(e, 20, LittleEndian)));
        }
    }

    private void ReadSections(RandomAccessReader reader, ulong shoff, int entsize, int count, int shstrndx, MemoryWarnings warnings)
    {
        var table = reader.Read((long)Math.Min(shoff, long.MaxValue), (int)Math.Min((long)entsize * Math.Min(count, MaxHeaders), int.MaxValue));
        var complete = table.Length / entsize;
        if (complete < count)
        {
            warnings.Add(MemoryCodes.WarnElfSectionHeadersTruncated, MemoryWarnings.CountOf("readable", complete), MemoryWarnings.CountOf("count", count));
        }

        var raw = new List<(uint Name, uint Type, ulong Flags, ulong Addr, ulong Offset, ulong Size, uint Link)>();
        for (var i = 0; i < complete; i++)
        {
            var e = table.AsSpan(i * entsize, entsize);
            raw.Add(Is64
                ? (U32(e, 0, LittleEndian), U32(e, 4, LittleEndian), U64(e, 8, LittleEndian), U64(e, 16, LittleEndian), U64(e, 24, LittleEndian), U64(e, 32, LittleEndian), U32(e, 40, LittleEndian))
                : (U32(e, 0, LittleEndian), U32(e, 4, LittleEndian), U32(e, 8, LittleEndian), U32(e, 12, LittleEndian), U32(e, 16, LittleEndian), U32(e, 20, LittleEndian), U32(e, 24, LittleEndian)));
        }

        byte[] names = [];
        if (shstrndx < raw.Count)
        {
            var strtab = raw[shstrndx];
            names = reader.Read((long)Math.Min(strtab.Offset, long.MaxValue), (int)Math.Min(strtab.Size, 1 << 20));
        }

        foreach (var s in raw)
        {
            var name = s.Name < names.Length ? CString(names.AsSpan((int)s.Name)) : string.Empty;
            Sections.Add(new ElfSection(name, s.Type, s.Flags, s.Addr, s.Offset, s.Size, s.Link));
        }
    }
}
