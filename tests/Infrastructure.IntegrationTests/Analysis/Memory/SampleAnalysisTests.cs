using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>ELF samples built with gcc and checked against readelf; a PE sample from the build output itself.</summary>
public sealed partial class SampleAnalysisTests : IAsyncLifetime
{
    private const string Source = """
        #include <stdio.h>
        #include <math.h>
        static const char *cfg = "/etc/security/ntps.conf";
        int main(int argc, char **argv) { printf("%s %f\n", cfg, sqrt((double)argc)); return 0; }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "casemgr-samples-" + Guid.NewGuid().ToString("N")[..8]);

    private string? _staticBuildError;

    private string Dynamic => Path.Combine(_directory, "dynamic");

    private string Static => Path.Combine(_directory, "static");

    private string Stripped => Path.Combine(_directory, "stripped");

    public async Task InitializeAsync()
    {
        if (DumpTools.MissingReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(_directory);
        var source = Path.Combine(_directory, "sample.c");
        await File.WriteAllTextAsync(source, Source);
        (await DumpTools.RunAsync(DumpTools.Gcc!, ["-O1", "-o", Dynamic, source, "-lm"])).ExitCode.ShouldBe(0);
        var (code, _, stderr) = await DumpTools.RunAsync(DumpTools.Gcc!, ["-O1", "-static", "-o", Static, source, "-lm"]);
        if (code != 0)
        {
            _staticBuildError = "gcc -static failed (it needs libc.a from libc6-dev): " + stderr;
            return;
        }

        (await DumpTools.RunAsync("/usr/bin/strip", ["-o", Stripped, Static])).ExitCode.ShouldBe(0);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [DumpFact]
    public async Task Dynamic_elf_facts_match_readelf_and_the_hashes_match_the_file()
    {
        var result = await AnalyzeFileAsync(Dynamic);

        result.Kind.ShouldBe("elf");
        var sample = result.Sample.ShouldNotBeNull();
        var elf = sample.Elf.ShouldNotBeNull();
        var program = (await DumpTools.RunAsync("/usr/bin/readelf", ["-lW", Dynamic])).Stdout;
        var dynamic = (await DumpTools.RunAsync("/usr/bin/readelf", ["-dW", Dynamic])).Stdout;
        elf.Interpreter.ShouldBe(Interpreter().Match(program).Groups[1].Value);
        elf.NeededLibraries.ShouldBe(Needed().Matches(dynamic).Select(m => m.Groups[1].Value).ToList());
        elf.NeededLibraries.ShouldContain("libm.so.6");
        elf.Static.ShouldBeFalse();
        elf.Stripped.ShouldBeFalse();
        elf.UpxPacked.ShouldBeFalse();
        elf.Class.ShouldBe("ELF64");
        elf.Type.ShouldBe(Regex.IsMatch((await DumpTools.RunAsync("/usr/bin/readelf", ["-hW", Dynamic])).Stdout, @"Type:\s+DYN") ? "pie-executable" : "executable");
        if (RuntimeInformation.OSArchitecture == Architecture.X64)
        {
            elf.Machine.ShouldBe("x86-64");
        }

        var bytes = await File.ReadAllBytesAsync(Dynamic);
        sample.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        sample.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(bytes)));
        sample.Sha1.ShouldBe(Convert.ToHexStringLower(SHA1.HashData(bytes)));
        sample.Size.ShouldBe(bytes.Length);
        var text = sample.Sections.Single(s => s.Name == ".text");
        text.Entropy.ShouldBe(ChunkObserver.ShannonEntropy(bytes.AsSpan((int)text.Offset, (int)text.Size)));
        text.Entropy.ShouldBeInRange(3.0, 8.0);
        sample.Sections.ShouldNotContain(s => s.Name == ".bss"); // no file contents
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Hash && i.Value == sample.Sha256);
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.FilePath && i.Value == "/etc/security/ntps.conf");
    }

    [DumpFact]
    public async Task Static_and_stripped_elf_are_recognised_as_such()
    {
        _staticBuildError.ShouldBeNull();
        var unstripped = (await AnalyzeFileAsync(Static)).Sample!.Elf!;
        unstripped.Static.ShouldBeTrue();
        unstripped.Interpreter.ShouldBeNull();
        unstripped.Stripped.ShouldBeFalse();

        var result = await AnalyzeFileAsync(Stripped);
        result.Sample!.Elf!.Stripped.ShouldBeTrue();
        result.Findings.ShouldContain(f => f.Code == "memory.sample.static-stripped");
    }

    [DumpFact]
    public async Task Upx_marker_and_an_appended_elf_are_reported()
    {
        var bytes = (await File.ReadAllBytesAsync(Dynamic)).ToList();
        var embeddedAt = bytes.Count + 3;
        bytes.AddRange("UPX!\0\0\0"u8.ToArray());
        bytes.AddRange(await File.ReadAllBytesAsync(Dynamic));
        var result = await SyntheticDumpTests.AnalyzeAsync([.. bytes], "dropper");

        result.Sample!.Elf!.UpxPacked.ShouldBeTrue();
        result.Findings.ShouldContain(f => f.Code == "memory.sample.upx");
        result.Findings.ShouldContain(f => f.Code == "memory.sample.embedded-elf" && f.Argument("offsets")!.Values[0] == (embeddedAt + 4).ToString(System.Globalization.CultureInfo.InvariantCulture) && f.Reference!.Offset == embeddedAt + 4);
    }

    [Fact]
    public async Task Pe_facts_come_from_the_headers_and_the_import_table()
    {
        var path = typeof(MemoryAnalyzer).Assembly.Location;
        var result = await AnalyzeFileAsync(path);

        result.Kind.ShouldBe("pe");
        var pe = result.Sample.ShouldNotBeNull().Pe.ShouldNotBeNull();
        pe.IsDotNet.ShouldBeTrue();
        pe.IsDll.ShouldBeTrue();
        pe.SignaturePresent.ShouldBeFalse();
        pe.Subsystem.ShouldBe("WindowsCui");
        pe.Imports.ShouldContain(i => i.Library.Equals("mscoree.dll", StringComparison.OrdinalIgnoreCase) && i.Functions.Contains("_CorDllMain"));
        result.Sample!.Sections.Select(s => s.Name).ShouldContain(".text");
        result.Sample.Type.ShouldStartWith("PE32");
        result.Sample.Type.ShouldEndWith("(.NET)");
    }

    [Fact]
    public async Task Mz_header_without_pe_header_is_raw_memory_with_a_warning()
    {
        var result = await SyntheticDumpTests.AnalyzeAsync([(byte)'M', (byte)'Z', .. new byte[300]], "fake.exe");

        result.Kind.ShouldBe("raw-memory");
        result.Warnings.ShouldContain(w => w.Code == "memory.pe.no-pe-header");
    }

    private static async Task<MemoryAnalysisResult> AnalyzeFileAsync(string path)
    {
        await using var input = File.OpenRead(path);
        return await new MemoryAnalyzer().AnalyzeAsync(input, path, null, CancellationToken.None);
    }

    [GeneratedRegex(@"Requesting program interpreter: ([^\]]+)\]")]
    private static partial Regex Interpreter();

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")]
    private static partial Regex Needed();
}
