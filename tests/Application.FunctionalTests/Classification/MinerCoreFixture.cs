
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

    public static string? MissingTools { get; } =
        new[] { "gcc", "gcore" }.FirstOrDefault(t => LiveHelperProcess.FindTool(t) is null) is { } missing ? $"needs {missing} on PATH" : null;

    public byte[] Core { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (MissingTools is not null)
        {
            return;
        }

        await using var miner = await LiveHelperProcess.StartAsync(_directory, "kswapd0", Source);
        using var dumping = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Core = await File.ReadAllBytesAsync(await miner.GcoreAsync(dumping.Token));
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
