using System.Text;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// Writes a minimal native PE32+ executable (no certificate table) whose one section holds an import table, laid
/// out per the PE/COFF specification: there is no Windows toolchain here, and the BCL's PE builder only makes .NET images.
/// </summary>
internal static class PeBuilder
{
    private const int SectionRva = 0x1000;
    private const int RawOffset = 0x200;
    private const int RawSize = 0x400;

    public static byte[] WithImports(string library, params string[] functions)
    {
        var section = new byte[RawSize];
        const int lookup = 0x40;
        const int address = 0x100;
        var names = 0x180;
        var w = new BinaryWriter(new MemoryStream(section));
        for (var i = 0; i < functions.Length; i++)
        {
            Put(section, lookup + (i * 8), (ulong)(SectionRva + names));
            Put(section, address + (i * 8), (ulong)(SectionRva + names));
            var name = Encoding.ASCII.GetBytes(functions[i] + "\0");
            name.CopyTo(section, names + 2);
            names += 2 + name.Length + (name.Length % 2);
        }

        var libraryName = names;
        Encoding.ASCII.GetBytes(library + "\0").CopyTo(section, libraryName);
        w.Write(SectionRva + lookup);   // OriginalFirstThunk
        w.Write(0);                     // TimeDateStamp
        w.Write(0);                     // ForwarderChain
        w.Write(SectionRva + libraryName);
        w.Write(SectionRva + address);  // FirstThunk
        // The next descriptor stays zero: the end of the table.

        var image = new MemoryStream();
        var o = new BinaryWriter(image);
        o.Write("MZ"u8);
        o.Write(new byte[0x3a]);
        o.Write(0x80);                  // e_lfanew
        o.Write(new byte[0x40]);
        o.Write("PE\0\0"u8);
        o.Write((ushort)0x8664);        // AMD64
        o.Write((ushort)1);             // sections
        o.Write(1_700_000_000);         // TimeDateStamp
        o.Write(0L);                    // symbol table, count
        o.Write((ushort)240);           // SizeOfOptionalHeader
        o.Write((ushort)0x22);          // EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE
        o.Write((ushort)0x20b);         // PE32+
        o.Write((ushort)0x0e);          // linker 14.0
        o.Write(RawSize);               // SizeOfCode
        o.Write(0);                     // SizeOfInitializedData
        o.Write(0);                     // SizeOfUninitializedData
        o.Write(SectionRva);            // AddressOfEntryPoint
        o.Write(SectionRva);            // BaseOfCode
        o.Write(0x1_4000_0000UL);       // ImageBase
        o.Write(0x1000);                // SectionAlignment
        o.Write(0x200);                 // FileAlignment
        o.Write((ushort)6);
        o.Write((ushort)0);
        o.Write(0);                     // image version
        o.Write((ushort)6);
        o.Write((ushort)0);
        o.Write(0);                     // Win32VersionValue
        o.Write(0x2000);                // SizeOfImage
        o.Write(RawOffset);             // SizeOfHeaders
        o.Write(0);                     // CheckSum
        o.Write((ushort)3);             // WindowsCui
        o.Write((ushort)0x8160);        // DllCharacteristics
        o.Write(0x10_0000UL);
        o.Write(0x1000UL);
        o.Write(0x10_0000UL);
        o.Write(0x1000UL);
        o.Write(0);                     // LoaderFlags
        o.Write(16);                    // NumberOfRvaAndSizes
        for (var i = 0; i < 16; i++)
        {
            o.Write(i == 1 ? SectionRva : 0);
            o.Write(i == 1 ? 40 : 0);
        }

        o.Write(".rdata\0\0"u8);
        o.Write(RawSize);               // VirtualSize
        o.Write(SectionRva);
        o.Write(RawSize);               // SizeOfRawData
        o.Write(RawOffset);
        o.Write(new byte[12]);
        o.Write(0x6000_0020u);          // code, execute, read
        o.Write(new byte[RawOffset - (int)image.Length]);
        o.Write(section);
        return image.ToArray();
    }

    private static void Put(byte[] target, int at, ulong value) => BitConverter.GetBytes(value).CopyTo(target, at);
}
