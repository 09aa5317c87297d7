using System.Buffers.Binary;
using System.Reflection.PortableExecutable;
using CaseManager.Application.Analysis.Memory;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// PE sample facts through <see cref="PEReader"/> (machine, timestamp, subsystem, sections, CLR header,
/// certificate table) plus the native import table, walked by hand: import descriptors, then each
/// DLL's lookup table of names or ordinals.
/// </summary>
internal sealed class PeSampleReader(RandomAccessReader reader, MemoryWarnings warnings)
{
    private const int MaxLibraries = 512;
    private const int MaxFunctions = 4096;
    private PEHeaders? _headers;

    public IReadOnlyList<SectionHeader> SectionHeaders => _headers?.SectionHeaders ?? [];

    public static bool TryReadHeaders(Stream stream, out PEHeaders? headers)
    {
        headers = null;
        try
        {
            stream.Position = 0;
            headers = new PEHeaders(stream, (int)Math.Min(stream.Length, int.MaxValue));
            return headers.PEHeader is not null;
        }
        catch (Exception ex) when (ex is BadImageFormatException or ArgumentException or InvalidOperationException or OverflowException or IOException)
        {
            return false;
        }
    }

    public PeInfo? Read(PEHeaders headers)
    {
        _headers = headers;
        var pe = headers.PEHeader!;
        var coff = headers.CoffHeader;
        var imports = new List<PeImport>();
        try
        {
            ReadImports(pe.ImportTableDirectory.RelativeVirtualAddress, pe.Magic == PEMagic.PE32Plus, imports);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            warnings.Add(MemoryCodes.WarnPeImportsDamaged, MemoryWarnings.Text("error", ex.Message));
        }

        return new PeInfo(
            coff.Machine.ToString(),
            DateTimeOffset.FromUnixTimeSeconds((uint)coff.TimeDateStamp),
            pe.Subsystem.ToString(),
            pe.Magic == PEMagic.PE32Plus,
            coff.Characteristics.HasFlag(Characteristics.Dll),
            headers.CorHeader is not null,
            pe.CertificateTableDirectory.Size > 0,
            imports);
    }

    private long? OffsetOf(int rva)
    {
        foreach (var s in SectionHeaders)
        {
            if (rva >= s.VirtualAddress && rva < s.VirtualAddress + Math.Max(s.VirtualSize, s.SizeOfRawData))
            {
                var offset = (long)s.PointerToRawData + (rva - s.VirtualAddress);
                return offset < reader.Length ? offset : null;
            }
        }

        return null;
    }

    private void ReadImports(int rva, bool is64, List<PeImport> imports)
    {
        if (rva == 0 || OffsetOf(rva) is not { } offset)
        {
            return;
        }

        for (var i = 0; i < MaxLibraries; i++)
        {
            var descriptor = reader.Read(offset + (i * 20L), 20);
            if (descriptor.Length < 20 || descriptor.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                return;
            }

            var lookup = BinaryPrimitives.ReadInt32LittleEndian(descriptor);
            var nameRva = BinaryPrimitives.ReadInt32LittleEndian(descriptor.AsSpan(12));
            var firstThunk = BinaryPrimitives.ReadInt32LittleEndian(descriptor.AsSpan(16));
            if (OffsetOf(nameRva) is not { } nameOffset)
            {
                warnings.Add(MemoryCodes.WarnPeImportOutside);
                return;
            }

            var library = reader.ReadCString(nameOffset);
            imports.Add(new PeImport(library, Functions(lookup != 0 ? lookup : firstThunk, is64)));
        }
    }

    private List<string> Functions(int rva, bool is64)
    {
        var functions = new List<string>();
        if (OffsetOf(rva) is not { } offset)
        {
            return functions;
        }

        var size = is64 ? 8 : 4;
        var thunks = reader.Read(offset, MaxFunctions * size);
        for (var i = 0; i + size <= thunks.Length; i += size)
        {
            var value = is64 ? BinaryPrimitives.ReadUInt64LittleEndian(thunks.AsSpan(i)) : BinaryPrimitives.ReadUInt32LittleEndian(thunks.AsSpan(i));
            if (value == 0)
            {
                break;
            }

            var ordinalFlag = is64 ? 1UL << 63 : 1UL << 31;
            if ((value & ordinalFlag) != 0)
            {
                functions.Add("#" + (value & 0xffff));
            }
            else if (OffsetOf((int)(value & 0x7fffffff)) is { } hintName)
            {
                functions.Add(reader.ReadCString(hintName + 2));
            }
        }

        return functions;
    }
}
