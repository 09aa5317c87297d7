using System.Text;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Cli.Commands;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>Our strings output must equal GNU strings' byte for byte, on real dumps and on edge-case files, at any read size.</summary>
public sealed class StringsCompatibilityTests(HelperProcessFixture dumps) : IClassFixture<HelperProcessFixture>
{
    [DumpFact]
    public async Task Core_file_strings_equal_gnu_strings_in_both_encodings_and_at_small_read_sizes()
    {
        foreach (var bufferSize in new[] { StringScanner.DefaultBufferSize, 4096, 1000, 128 })
        {
            await ShouldMatchGnuAsync(dumps.CorePath, 8, bufferSize);
        }
    }

    [DumpFact]
    public async Task Gdb_heap_dump_strings_equal_gnu_strings_including_odd_aligned_utf16()
    {
        var utf16 = await DumpTools.GnuStringsAsync(dumps.HeapDumpPath, 8, utf16: true);
        utf16.ShouldContain(HelperProcessFixture.WidePath);
        utf16.ShouldContain(HelperProcessFixture.WideOddUrl);
        foreach (var bufferSize in new[] { StringScanner.DefaultBufferSize, 192, 130 })
        {
            await ShouldMatchGnuAsync(dumps.HeapDumpPath, 8, bufferSize);
        }
    }

    [DumpFact]
    public async Task Helper_binary_strings_equal_gnu_strings_for_several_minimum_lengths()
    {
        foreach (var minLength in new[] { 1, 4, 8, 33, 70 })
        {
            await ShouldMatchGnuAsync(dumps.BinaryPath, minLength, 256);
        }
    }

    [DumpFact]
    public async Task Edge_cases_equal_gnu_strings()
    {
        var data = new List<byte>();
        data.AddRange("\tTAB at the very start\u007fDEL ends it"u8.ToArray());
        data.AddRange([0x80, 0xff, 0x00]);
        data.AddRange(Enumerable.Repeat((byte)'A', 1000)); // longer than the smallest buffer: the buffer must grow
        data.Add(0x0a); // newline is not printable for GNU (no -w)
        data.AddRange(Wide("odd-aligned wide\tstring", 1));
        data.AddRange(Wide("even", 0));
        data.AddRange(Wide("short", 0));
        data.AddRange("abcdefg"u8.ToArray()); // seven: one short of the default minimum
        data.Add(0xe9);
        var random = new Random(7);
        var noise = new byte[5000];
        random.NextBytes(noise);
        data.AddRange(noise);
        data.AddRange(Wide("wide string ending exactly at end of file", 0));
        data.Add((byte)'Z'); // a dangling low byte without its high byte
        var path = Path.Combine(Path.GetTempPath(), $"casemgr-edge-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, data.ToArray());
        try
        {
            foreach (var minLength in new[] { 1, 2, 8, 20 })
            {
                foreach (var bufferSize in new[] { 128, 129, 200, 4096 })
                {
                    await ShouldMatchGnuAsync(path, minLength, bufferSize);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [DumpFact]
    public async Task Cli_strings_prints_exactly_what_gnu_strings_prints()
    {
        foreach (var (encoding, utf16) in new[] { ("ascii", false), ("utf16le", true) })
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await StringsCommand.RunAsync([dumps.CorePath, "-n", "8", "--encoding", encoding], stdout, stderr);
            code.ShouldBe(0, stderr.ToString());
            stdout.ToString().ShouldBe(await DumpTools.GnuStringsAsync(dumps.CorePath, 8, utf16));
        }

        var both = new StringWriter();
        (await StringsCommand.RunAsync([dumps.HeapDumpPath, "--encoding", "both"], both, new StringWriter())).ShouldBe(0);
        both.ToString().ShouldBe(await DumpTools.GnuStringsAsync(dumps.HeapDumpPath, 8, false) + await DumpTools.GnuStringsAsync(dumps.HeapDumpPath, 8, true));
    }

    [Fact]
    public async Task Cli_strings_exits_2_for_a_missing_file_and_1_for_bad_usage()
    {
        (await StringsCommand.RunAsync(["/nonexistent/casemgr/file.bin"], new StringWriter(), new StringWriter())).ShouldBe(2);
        (await StringsCommand.RunAsync(["x.bin", "--encoding", "ebcdic"], new StringWriter(), new StringWriter())).ShouldBe(1);
    }

    [Fact]
    public void Gnu_writer_right_aligns_the_decimal_offset_in_seven_columns()
    {
        var output = new MemoryStream();
        var writer = new GnuStringsWriter(output);
        writer.OnString(StringEncoding.Ascii, 42, "/etc/security/ntps.conf"u8);
        writer.OnString(StringEncoding.Ascii, 123456789, "longer offset"u8);
        writer.Flush();
        Encoding.ASCII.GetString(output.ToArray()).ShouldBe("     42 /etc/security/ntps.conf\n123456789 longer offset\n");
    }

    private static async Task ShouldMatchGnuAsync(string path, int minLength, int bufferSize)
    {
        var ascii = new MemoryStream();
        var utf16 = new MemoryStream();
        var writer = new GnuStringsWriter(ascii, utf16);
        var scanner = new StringScanner(minLength, StringEncoding.Both, writer, bufferSize);
        await using (var input = File.OpenRead(path))
        {
            await scanner.ScanAsync(input, null, null, CancellationToken.None);
        }

        writer.Flush();
        var expectedAscii = await DumpTools.GnuStringsAsync(path, minLength, utf16: false);
        var expectedUtf16 = await DumpTools.GnuStringsAsync(path, minLength, utf16: true);
        expectedAscii.Length.ShouldBeGreaterThan(0);
        Encoding.ASCII.GetString(ascii.ToArray()).ShouldBe(expectedAscii, $"ascii, -n {minLength}, buffer {bufferSize}");
        Encoding.ASCII.GetString(utf16.ToArray()).ShouldBe(expectedUtf16, $"utf16le, -n {minLength}, buffer {bufferSize}");
        scanner.AsciiCount.ShouldBe(expectedAscii.Count(c => c == '\n'));
    }

    private static IEnumerable<byte> Wide(string text, int leadingBytes) =>
        Enumerable.Repeat((byte)0x01, leadingBytes).Concat(Encoding.Unicode.GetBytes(text));
}
