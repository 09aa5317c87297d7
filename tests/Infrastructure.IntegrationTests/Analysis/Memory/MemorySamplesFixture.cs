using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// Real files for the finding-code tests, made once per class with gcc, gcore and gdb: a clean program (nothing
/// planted, run from a plain directory under the test output, not /tmp) and its core and heap dump; the same program
/// run from a hidden directory and from a binary deleted while it runs; a sample with planted strings and a random
/// (high-entropy) blob; a static stripped build; and images appended to each other or to zeroed "memory".
/// </summary>
public sealed class MemorySamplesFixture : IAsyncLifetime
{
    public const string MalwareName = "mimikatz";
    public const string OnionAddress = "expyuzz4wqqyqhjn.onion";

    private const string CleanSource = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>

        int main(void) {
            char *heap = malloc(65536);
            memset(heap, 'a', 1000);
            heap[1000] = 0;
            printf("ready %d\n", getpid());
            fflush(stdout);
            char c;
            while (read(0, &c, 1) > 0) { }
            free(heap);
            return 0;
        }
        """;

    private readonly List<Process> _processes = [];

    public string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "memtest-" + Guid.NewGuid().ToString("N")[..8]);

    public string CleanBinary => Path.Combine(Directory, "clean");

    public string CleanCore { get; private set; } = string.Empty;

    public string CleanHeap => Path.Combine(Directory, "clean-heap.dump");

    public string HiddenBinary => Path.Combine(Directory, ".cache", "clean");

    public string HiddenCore { get; private set; } = string.Empty;

    public string DeletedBinary => Path.Combine(Directory, "gone");

    public string DeletedCore { get; private set; } = string.Empty;

    public string PlantedSample => Path.Combine(Directory, "planted");

    public string StrippedSample => Path.Combine(Directory, "stripped");

    public string? StaticBuildError { get; private set; }

    public async Task InitializeAsync()
    {
        if (DumpTools.MissingReason is not null)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(HiddenBinary)!);
        var source = Path.Combine(Directory, "clean.c");
        await File.WriteAllTextAsync(source, CleanSource);
        await CompileAsync(CleanBinary, source);
        File.Copy(CleanBinary, HiddenBinary);
        File.Copy(CleanBinary, DeletedBinary);

        var clean = await StartAsync(CleanBinary);
        CleanCore = await CoreAsync(clean, "clean-core");
        await HeapAsync(clean, CleanHeap);
        HiddenCore = await CoreAsync(await StartAsync(HiddenBinary), "hidden-core");
        var deleted = await StartAsync(DeletedBinary);
        File.Delete(DeletedBinary);
        DeletedCore = await CoreAsync(deleted, "deleted-core");

        var planted = Path.Combine(Directory, "planted.c");
        var blob = new byte[64 * 1024];
        new Random(7).NextBytes(blob);
        await File.WriteAllTextAsync(planted, $$"""
            #include <stdio.h>
            static const char *tool = "{{MalwareName}} sekurlsa::logonpasswords";
            static const char *hidden = "http://{{OnionAddress}}/panel";
            const unsigned char blob[] = { {{string.Join(",", blob.Select(b => b.ToString(CultureInfo.InvariantCulture)))}} };
            int main(int argc, char **argv) { printf("%s %s %d\n", tool, hidden, blob[argc]); return 0; }
            """);
        await CompileAsync(PlantedSample, planted);

        var staticBuild = Path.Combine(Directory, "static");
        var (code, _, stderr) = await DumpTools.RunAsync(DumpTools.Gcc!, ["-O1", "-static", "-o", staticBuild, source]);
        if (code != 0)
        {
            StaticBuildError = "gcc -static failed (it needs libc.a from libc6-dev): " + stderr;
        }
        else
        {
            (await DumpTools.RunAsync("/usr/bin/strip", ["-o", StrippedSample, staticBuild])).ExitCode.ShouldBe(0);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }

            process.Dispose();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>A native PE, unsigned: e_sqlite3.dll for win-x64 from the SQLite package in the test output.</summary>
    public static string NativePe => Path.Combine(AppContext.BaseDirectory, "runtimes", "win-x64", "native", "e_sqlite3.dll");

    /// <summary>This assembly's .NET DLL: a PE without a certificate table that is not native code.</summary>
    public static string DotNetPe => typeof(MemorySamplesFixture).Assembly.Location;

    /// <summary>Bytes that sniff as raw memory (zeros first) with <paramref name="image"/> at offset 4096.</summary>
    public static byte[] RawMemoryWith(byte[] image) => [.. new byte[4096], .. image, .. new byte[4096]];

    private static async Task CompileAsync(string output, string source)
    {
        var (code, _, stderr) = await DumpTools.RunAsync(DumpTools.Gcc!, ["-O0", "-o", output, source]);
        code.ShouldBe(0, "gcc: " + stderr);
    }

    private async Task<Process> StartAsync(string binary)
    {
        var process = Process.Start(new ProcessStartInfo(binary) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{binary} did not start");
        _processes.Add(process);
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(ready.Token);
        line.ShouldBe($"ready {process.Id}");
        return process;
    }

    private async Task<string> CoreAsync(Process process, string name)
    {
        using var dumping = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var prefix = Path.Combine(Directory, name);
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        var (code, _, stderr) = await DumpTools.RunAsync(DumpTools.Gcore!, ["-o", prefix, pid], dumping.Token);
        var core = $"{prefix}.{pid}";
        File.Exists(core).ShouldBeTrue($"gcore failed ({code}): {stderr}");
        return core;
    }

    private static async Task HeapAsync(Process process, string output)
    {
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        var heap = (await File.ReadAllLinesAsync($"/proc/{pid}/maps")).Single(l => l.EndsWith("[heap]", StringComparison.Ordinal));
        var range = heap.Split(' ')[0].Split('-');
        using var dumping = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (code, _, stderr) = await DumpTools.RunAsync(DumpTools.Gdb!,
            ["-batch", "-nx", "-p", pid, "-ex", $"dump binary memory {output} 0x{range[0]} 0x{range[1]}"], dumping.Token);
        File.Exists(output).ShouldBeTrue($"gdb dump failed ({code}): {stderr}");
    }

    internal static string Describe(IEnumerable<string> codes) => new StringBuilder().AppendJoin(", ", codes).ToString();
}
