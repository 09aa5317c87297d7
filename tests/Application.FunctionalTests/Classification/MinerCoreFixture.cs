using System.Diagnostics;
using System.Globalization;

namespace CaseManager.Application.FunctionalTests.Classification;

/// <summary>
/// The reference article's miner, in miniature: a C program that renames itself to the kernel thread
/// <c>[kswapd0]</c> and holds XMRig's command line (a stratum URL to a known pool, a Monero wallet) and a dynamic-DNS
/// C2 name in its heap. Once it reports ready, <c>gcore</c> writes its core dump, as the memory tests do.
/// </summary>
public sealed class MinerCoreFixture : IAsyncLifetime
{
    private const string Source = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        #include <sys/prctl.h>

        static const char *planted[] = {
            "xmrig --donate-level 1 -o stratum+tcp://pool.supportxmr.com:3333 -u 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
            "c2 sjb555.3322.org:6667",
            0 };

        int main(int argc, char **argv) {
            if (argc < 2 || strcmp(argv[1], "--child") != 0) {
                execl("/proc/self/exe", "[kswapd0]", "--child", (char *)0);
                return 99;
            }
            prctl(PR_SET_NAME, "[kswapd0]", 0, 0, 0);
            char *heap = malloc(65536);
            memset(heap, 0, 65536);
            char *p = heap;
            for (int i = 0; planted[i]; i++) { strcpy(p, planted[i]); p += strlen(planted[i]) + 9; }
            printf("ready %d\n", getpid());
            fflush(stdout);
            char c;
            while (read(0, &c, 1) > 0) { }
            free(heap);
            return 0;
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "casemgr-miner-" + Guid.NewGuid().ToString("N")[..8]);

    public static string? MissingTools { get; } = new[] { "gcc", "gcore" }.FirstOrDefault(t => Find(t) is null) is { } missing ? $"needs {missing} on PATH" : null;

    public byte[] Core { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (MissingTools is not null)
        {
            return;
        }

        Directory.CreateDirectory(_directory);
        var source = Path.Combine(_directory, "miner.c");
        var binary = Path.Combine(_directory, "kswapd0");
        await File.WriteAllTextAsync(source, Source);
        (await RunAsync(Find("gcc")!, ["-O0", "-o", binary, source])).ShouldBe(0);
        using var process = Process.Start(new ProcessStartInfo(binary) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(ready.Token);
            var pid = int.Parse(line.ShouldNotBeNull()["ready ".Length..], CultureInfo.InvariantCulture);
            var prefix = Path.Combine(_directory, "core");
            await RunAsync(Find("gcore")!, ["-o", prefix, pid.ToString(CultureInfo.InvariantCulture)]);
            Core = await File.ReadAllBytesAsync($"{prefix}.{pid}");
        }
        finally
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync();
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static async Task<int> RunAsync(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        await errors;
        return process.ExitCode;
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
}
