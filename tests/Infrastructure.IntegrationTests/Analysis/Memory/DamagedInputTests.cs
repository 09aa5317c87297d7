using CaseManager.Cli.Commands;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>Damaged or foreign input gives a partial result and a warning, never an exception; only unreadable files are exit 2.</summary>
public sealed class DamagedInputTests
{
    [Fact]
    public async Task Random_bytes_named_dmp_are_raw_memory_with_a_warning()
    {
        var data = new byte[200_000];
        new Random(42).NextBytes(data);
        "http://evil.duckdns.org/a"u8.CopyTo(data.AsSpan(1000));

        var result = await SyntheticDumpTests.AnalyzeAsync(data, "LSASS.DMP");

        result.Kind.ShouldBe("raw-memory");
        result.Warnings.ShouldContain(w => w.Code == "memory.file.not-a-minidump" && w.Arguments[0].Value == "LSASS.DMP");
        result.Indicators.ShouldContain(i => i.Value == "evil.duckdns.org" && i.Context!.Contains("dynamic DNS (duckdns.org)"));
    }

    [Fact]
    public async Task Minidump_signature_with_a_garbage_directory_warns_and_still_scans_strings()
    {
        var data = new byte[4096];
        new Random(3).NextBytes(data);
        "MDMP"u8.CopyTo(data);
        BitConverter.GetBytes(3000u).CopyTo(data, 8);     // streams
        BitConverter.GetBytes(4000u).CopyTo(data, 12);    // directory near the end
        "/etc/security/ntps.conf"u8.CopyTo(data.AsSpan(2000));

        var result = await SyntheticDumpTests.AnalyzeAsync(data, "x.dmp");

        result.Kind.ShouldBe("minidump");
        result.Warnings.ShouldContain(w => w.Code == "memory.minidump.directory-truncated");
        result.Indicators.ShouldContain(i => i.Value == "/etc/security/ntps.conf");
    }

    [Fact]
    public async Task Core_without_notes_section_reports_no_process_and_warns()
    {
        var core = SyntheticDumps.ElfCore();
        BitConverter.GetBytes(0x7000_0000u).CopyTo(core, 64);  // PT_NOTE → a processor-specific type

        var result = await SyntheticDumpTests.AnalyzeAsync(core, "core");

        result.Kind.ShouldBe("elf-core");
        result.Process.ShouldBeNull();
        result.Warnings.ShouldContain(w => w.Code == "memory.core.no-notes");
        result.Indicators.ShouldContain(i => i.Value == "45.9.148.99");
    }

    [Fact]
    public async Task Empty_file_is_raw_memory_with_a_warning()
    {
        var result = await SyntheticDumpTests.AnalyzeAsync([], "empty.bin");

        result.Kind.ShouldBe("raw-memory");
        result.Strings.Ascii.ShouldBe(0);
        result.Warnings.ShouldContain(w => w.Code == "memory.file.empty");
    }

    [Fact]
    public async Task Non_seekable_input_is_spooled_and_analysed_the_same()
    {
        var core = SyntheticDumps.ElfCore();
        var seekable = await SyntheticDumpTests.AnalyzeAsync(core, "core");
        var piped = await new MemoryAnalyzer().AnalyzeAsync(new ForwardOnlyStream(core), "core", null, CancellationToken.None);

        piped.Process.ShouldBeEquivalentTo(seekable.Process);
        piped.Indicators.ShouldBe(seekable.Indicators);
    }

    [Fact]
    public async Task Cli_analyze_exits_2_for_a_missing_file_and_0_with_warnings_for_junk()
    {
        var stderr = new StringWriter();
        (await AnalyzeCommand.RunAsync(["/nonexistent/core.1"], new StringWriter(), stderr)).ShouldBe(2);
        stderr.ToString().ShouldContain("no such file");

        var junk = Path.Combine(Path.GetTempPath(), $"casemgr-junk-{Guid.NewGuid():N}.dmp");
        await File.WriteAllBytesAsync(junk, [1, 2, 3, 4, 5]);
        try
        {
            var stdout = new StringWriter();
            (await AnalyzeCommand.RunAsync([junk, "--json"], stdout, new StringWriter())).ShouldBe(0);
            stdout.ToString().ShouldContain("\"kind\": \"raw-memory\"");
            stdout.ToString().ShouldContain("no MDMP signature");
        }
        finally
        {
            File.Delete(junk);
        }
    }

    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 777));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
