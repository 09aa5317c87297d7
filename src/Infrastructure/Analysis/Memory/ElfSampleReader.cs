using System.Globalization;
using CaseManager.Application.Analysis.Memory;
using static CaseManager.Infrastructure.Analysis.Memory.RandomAccessReader;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// ELF sample facts: class, machine, type, entry, interpreter (PT_INTERP), static or dynamic, stripped
/// (no .symtab), needed libraries (DT_NEEDED via PT_DYNAMIC and DT_STRTAB, so it also works on binaries
/// without section headers), UPX packing, and the sections whose entropy is measured.
/// </summary>
internal sealed class ElfSampleReader(RandomAccessReader reader, ElfImage elf, MemoryWarnings warnings)
{
    private const uint ShtSymtab = 2;
    private const uint ShtNobits = 8;
    private const ulong DtNeeded = 1;
    private const ulong DtStrtab = 5;
    private const ulong DtStrsz = 10;

    public ElfInfo Read(bool upxMarkerSeen)
    {
        string? interpreter = null;
        if (elf.Segments.FirstOrDefault(s => s.Type == ElfImage.PtInterp) is { FileSize: > 0 } interp)
        {
            interpreter = reader.ReadCString((long)interp.Offset, (int)Math.Min(interp.FileSize, 4096));
        }

        var stripped = !elf.Sections.Any(s => s.Type == ShtSymtab);
        var upx = upxMarkerSeen || elf.Sections.Any(s => s.Name.StartsWith("UPX", StringComparison.Ordinal));
        return new ElfInfo(
            elf.Is64 ? "ELF64" : "ELF32",
            MachineName(elf.Machine),
            elf.Type == 3 && interpreter is not null ? "pie-executable" : TypeName(elf.Type),
            elf.Entry,
            interpreter,
            Static: interpreter is null,
            Stripped: stripped,
            UpxPacked: upx,
            NeededLibraries: Needed());
    }

    /// <summary>Sections with file contents (or the PT_LOAD segments when there are no section headers).</summary>
    public IEnumerable<(string Name, long Offset, long Size, ulong Address)> Regions()
    {
        var sections = elf.Sections.Where(s => s.Type != ShtNobits && s.Type != 0 && s.Size > 0).ToList();
        if (sections.Count > 0)
        {
            return sections.Select(s => (s.Name, (long)Math.Min(s.Offset, long.MaxValue), (long)Math.Min(s.Size, long.MaxValue), s.Address));
        }

        return elf.Segments.Where(s => s.Type == ElfImage.PtLoad && s.FileSize > 0)
            .Select((s, i) => ("LOAD" + i.ToString(CultureInfo.InvariantCulture), (long)Math.Min(s.Offset, long.MaxValue), (long)Math.Min(s.FileSize, long.MaxValue), s.VirtualAddress));
    }

    private List<string> Needed()
    {
        var needed = new List<string>();
        if (elf.Segments.FirstOrDefault(s => s.Type == ElfImage.PtDynamic) is not { FileSize: > 0 } dynamic)
        {
            return needed;
        }

        var entrySize = elf.Is64 ? 16 : 8;
        var table = reader.Read((long)Math.Min(dynamic.Offset, long.MaxValue), (int)Math.Min(dynamic.FileSize, 1 << 20));
        ulong? strtab = null;
        ulong strsz = 1 << 16;
        var offsets = new List<ulong>();
        for (var i = 0; i + entrySize <= table.Length; i += entrySize)
        {
            var tag = Word(table, i, elf.Is64, elf.LittleEndian);
            var value = Word(table, i + (entrySize / 2), elf.Is64, elf.LittleEndian);
            if (tag == 0)
            {
                break;
            }

            switch (tag)
            {
                case DtNeeded:
                    offsets.Add(value);
                    break;
                case DtStrtab:
                    strtab = value;
                    break;
                case DtStrsz:
                    strsz = Math.Min(value, 1 << 20);
                    break;
            }
        }

        if (offsets.Count == 0)
        {
            return needed;
        }

        if (strtab is null || elf.FileOffsetOf(strtab.Value) is not { } strtabOffset)
        {
            warnings.Add(MemoryCodes.WarnElfStrtabUnmapped);
            return needed;
        }

        var strings = reader.Read(strtabOffset, (int)strsz);
        foreach (var offset in offsets.Where(o => o < (ulong)strings.Length))
        {
            needed.Add(CString(strings.AsSpan((int)offset)));
        }

        return needed;
    }

    private static string TypeName(ushort type) => type switch
    {
        1 => "relocatable",
        2 => "executable",
        3 => "shared-object",
        4 => "core",
        _ => "unknown-" + type.ToString(CultureInfo.InvariantCulture),
    };

    public static string MachineName(ushort machine) => machine switch
    {
        2 => "sparc",
        3 => "i386",
        8 => "mips",
        20 => "ppc",
        21 => "ppc64",
        22 => "s390",
        40 => "arm",
        43 => "sparcv9",
        62 => "x86-64",
        183 => "aarch64",
        243 => "riscv",
        258 => "loongarch",
        _ => "machine-" + machine.ToString(CultureInfo.InvariantCulture),
    };
}
