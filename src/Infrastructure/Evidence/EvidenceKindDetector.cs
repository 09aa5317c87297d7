using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Unicode;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Evidence;

/// <summary>
/// Tells what evidence is from its first bytes (magic numbers), falling back on the file name only where content
/// cannot tell (raw memory images, scripts without a shebang, triage archives). Pass at least the first 4 KiB.
/// </summary>
public static class EvidenceKindDetector
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at; callers should read this many when they can.</summary>
    public const int HeadLength = 4096;

    private static readonly string[] MemoryExtensions = [".dump", ".mem", ".raw", ".dmp", ".vmem", ".lime"];

    private static readonly string[] ScriptExtensions =
        [".sh", ".bash", ".ps1", ".psm1", ".bat", ".cmd", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".hta", ".py", ".pl"];

    public static EvidenceKind Detect(ReadOnlySpan<byte> head, string fileName)
    {
        fileName ??= string.Empty;
        if (head.Length >= 4)
        {
            var magic = BinaryPrimitives.ReadUInt32BigEndian(head);
            switch (magic)
            {
                case 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1:
                    return EvidenceKind.Pcap;
                case 0x0A0D0D0A:
                    return EvidenceKind.Pcapng;
                case 0x7F454C46:
                    return ElfKind(head);
                case 0x4D444D50: // "MDMP"
                    return EvidenceKind.Minidump;
                case 0x454D694C: // "EMiL", LiME memory image
                    return EvidenceKind.RawMemory;
            }

            if (head.StartsWith("PAGEDU"u8))
            {
                return EvidenceKind.RawMemory; // Windows kernel crash dump (PAGEDUMP / PAGEDU64)
            }
        }

        if (head.StartsWith("MZ"u8))
        {
            return EvidenceKind.PeExecutable;
        }

        if (IsArchive(head))
        {
            return StartsWithManifest(head) || fileName.Contains("triage", StringComparison.OrdinalIgnoreCase)
                ? EvidenceKind.TriageBundle
                : EvidenceKind.Archive;
        }

        if (HasExtension(fileName, MemoryExtensions))
        {
            return EvidenceKind.RawMemory;
        }

        if (head.StartsWith("#!"u8) || head.StartsWith("\uFEFF#!"u8))
        {
            return EvidenceKind.Script;
        }

        if (IsMostlyText(head) || IsUtf16Text(head))
        {
            return HasExtension(fileName, ScriptExtensions) ? EvidenceKind.Script : EvidenceKind.LogText;
        }

        return EvidenceKind.Other;
    }

    /// <summary>Names Windows or a desktop would run or open as code (checked after trailing dots and spaces are dropped).</summary>
    private static readonly string[] ExecutableExtensions =
    [
        ".exe", ".dll", ".sys", ".scr", ".com", ".cpl", ".msi", ".msp", ".msc", ".lnk", ".pif", ".url", ".reg", ".inf", ".chm",
        ".jar", ".class", ".apk", ".dex", ".so", ".dylib", ".elf", ".bin", ".deb", ".rpm", ".docm", ".xlsm", ".pptm", ".dotm",
        ".xlam", ".sct", ".wsc", ".ws", ".gadget", ".application", ".appref-ms", ".psd1", ".ksh", ".zsh", ".rb", ".php", ".lua",
        ".applescript", ".scpt", ".desktop", ".iqy", ".slk",
    ];

    /// <summary>Text that reads as code: shell, PowerShell, batch, Windows Script Host, HTML/HTA scripts, PHP.</summary>
    private static readonly string[] ScriptMarkers =
    [
        "#!/", "<script", "<?php", "@echo off", "powershell", "invoke-expression", "iex(", "iex (", "wscript.", "cscript",
        "createobject(", "<hta:application", "vbscript:", "javascript:", "set-executionpolicy", "frombase64string",
        "start-process", "cmd.exe /c", "cmd /c", "mshta", "regsvr32", "rundll32", "new-object net.webclient", "downloadstring(",
    ];

    /// <summary>
    /// Whether a download must be packaged (AES zip): decided from the content first (executable headers of PE, ELF, Mach-O,
    /// Java, Windows shortcuts, OLE compound files such as MSI and macro documents, DEX, WebAssembly, a shebang, text that
    /// reads as a script), then from the name with trailing dots and spaces dropped (as Windows does), never from a kind
    /// someone set. Only content that is recognisably a capture, a dump or plain text, or an archive, is served as-is.
    /// </summary>
    public static bool MustBePackaged(ReadOnlySpan<byte> head, string fileName)
    {
        var name = (fileName ?? string.Empty).TrimEnd('.', ' ', '\t');
        if (HasExecutableHeader(head) || HasExtension(name, ExecutableExtensions) || HasExtension(name, ScriptExtensions))
        {
            return true;
        }

        return Detect(head, name) switch
        {
            EvidenceKind.Pcap or EvidenceKind.Pcapng or EvidenceKind.ElfCore or EvidenceKind.Minidump or EvidenceKind.RawMemory
                or EvidenceKind.TriageBundle or EvidenceKind.Archive => false,
            EvidenceKind.LogText => ReadsAsScript(head),
            _ => true,
        };
    }

    private static bool HasExecutableHeader(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("MZ"u8) || head.StartsWith("#!"u8) || head.StartsWith("\uFEFF#!"u8) || head.StartsWith("dex\n"u8)
            || head.StartsWith("\0asm"u8))
        {
            return true;
        }

        if (head.Length < 4)
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(head) switch
        {
            0x7F454C46 => ElfKind(head) != EvidenceKind.ElfCore,
            0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE => true, // Mach-O, fat binaries, Java classes
            0x4C000000 => head.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(head[4..]) == 0x01140200, // Windows shortcut
            0xD0CF11E0 => true, // OLE compound file: MSI, macro documents
            _ => false,
        };
    }

    private static bool ReadsAsScript(ReadOnlySpan<byte> head)
    {
        if (head.Length > HeadLength)
        {
            head = head[..HeadLength];
        }

        var text = head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? System.Text.Encoding.Unicode.GetString(head[2..])
            : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? System.Text.Encoding.BigEndianUnicode.GetString(head[2..])
            : System.Text.Encoding.UTF8.GetString(head);
        foreach (var marker in ScriptMarkers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Kinds that can run on a host: packaged encrypted for download, never served as-is.</summary>
    public static bool IsExecutableOrScript(EvidenceKind kind) =>
        kind is EvidenceKind.ElfExecutable or EvidenceKind.PeExecutable or EvidenceKind.Script;

    private static EvidenceKind ElfKind(ReadOnlySpan<byte> head)
    {
        if (head.Length < 18)
        {
            return EvidenceKind.ElfExecutable;
        }

        // e_ident[EI_DATA] at 5: 1 = little-endian, 2 = big-endian; e_type at 16.
        var type = head[5] == 2 ? BinaryPrimitives.ReadUInt16BigEndian(head[16..]) : BinaryPrimitives.ReadUInt16LittleEndian(head[16..]);

        // Core is 4; executables (2), shared objects (3), relocatables (1) and anything else are treated as code.
        return type == 4 ? EvidenceKind.ElfCore : EvidenceKind.ElfExecutable;
    }

    /// <summary>
    /// A triage bundle by content: a zip whose first local header names <c>manifest.json</c>, or a gzip whose first
    /// inflated tar header does (the collectors write the manifest first). Only the head is inflated.
    /// </summary>
    private static bool StartsWithManifest(ReadOnlySpan<byte> head)
    {
        var manifest = "manifest.json"u8;
        if (head.StartsWith("PK\x03\x04"u8) && head.Length >= 30)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[26..]);
            return head.Length >= 30 + nameLength && head.Slice(30, nameLength).SequenceEqual(manifest);
        }

        if (!head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return false;
        }

        var inflated = new byte[4096];
        var read = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(head.ToArray()), CompressionMode.Decompress);
            read = gzip.ReadAtLeast(inflated, inflated.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            // a truncated head inflates as far as it can
        }

        // The first member's header; pax extended headers (type 'x'/'g', .NET and GNU tar --format=pax) come before it.
        var offset = 0;
        for (var hop = 0; hop < 3 && offset + 512 <= read; hop++)
        {
            var header = inflated.AsSpan(offset, 512);
            if (header[156] is (byte)'x' or (byte)'g')
            {
                var sizeField = header.Slice(124, 12);
                long size = 0;
                foreach (var b in sizeField)
                {
                    if (b is >= (byte)'0' and <= (byte)'7')
                    {
                        size = (size * 8) + (b - '0');
                    }
                }

                offset += 512 + (int)Math.Min((size + 511) / 512 * 512, 4096);
                continue;
            }

            var name = header[..100];
            var end = name.IndexOf((byte)0);
            name = end >= 0 ? name[..end] : name;
            return name.SequenceEqual(manifest) || (name.StartsWith("./"u8) && name[2..].SequenceEqual(manifest));
        }

        return false;
    }

    private static bool IsArchive(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])
        || head.StartsWith((ReadOnlySpan<byte>)[(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00])
        || head.StartsWith("BZh"u8)
        || head.StartsWith("Rar!\x1A\x07"u8)
        || (head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8));

    /// <summary>Valid UTF-8 (a sequence cut at the end of the head is fine) with at most 1 in 100 control characters.</summary>
    private static bool IsMostlyText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        if (head.Length > HeadLength)
        {
            head = head[..HeadLength];
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return false;
            }

            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B))
            {
                control++;
            }
        }

        if (control * 100 > head.Length)
        {
            return false;
        }

        Span<char> chars = stackalloc char[HeadLength];
        var status = Utf8.ToUtf16(head, chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: false);
        return status is OperationStatus.Done || (status is OperationStatus.NeedMoreData && consumed >= head.Length - 3);
    }

    /// <summary>UTF-16 with a byte-order mark (PowerShell transcripts, Windows exports), mostly printable.</summary>
    private static bool IsUtf16Text(ReadOnlySpan<byte> head)
    {
        var bigEndian = head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (!bigEndian && !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return false;
        }

        var units = head[2..];
        units = units[..(Math.Min(units.Length, HeadLength) & ~1)];
        var control = 0;
        for (var i = 0; i < units.Length; i += 2)
        {
            var c = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(units[i..]) : BinaryPrimitives.ReadUInt16LittleEndian(units[i..]);
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
            {
                control++;
            }
        }

        return units.Length > 0 && control * 100 <= units.Length / 2;
    }

    private static bool HasExtension(string fileName, string[] extensions)
    {
        foreach (var extension in extensions)
        {
            if (fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
