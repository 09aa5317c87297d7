using CaseManager.Tests.Shared;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// A helper that disguises itself as the kernel thread <c>[kworker/3:1H]</c> ONLY through prctl(PR_SET_NAME): no
/// re-exec, argv[0] stays its binary's path. It builds the name at run time into a heap buffer (as real miners do,
/// e.g. from the CPU count), passes it to prctl, and waits; <c>gcore</c> then writes its core. gdb records the
/// cmdline's basename (<c>kthread-helper</c>) in NT_PRPSINFO, so the disguise is only in the process's memory.
/// </summary>
public sealed class PrctlHelperFixture : IAsyncLifetime
{
    public const string Disguise = "[kworker/3:1H]";
    public const string BinaryName = "kthread-helper";

    private const string Source = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        #include <sys/prctl.h>
        #include <sys/resource.h>

        int main(int argc, char **argv) {
            char *name = malloc(64);
            snprintf(name, 64, "[kworker/%d:%dH]", 3, 1);
            if (prctl(PR_SET_NAME, name, 0, 0, 0) != 0) return 98;
            if (argc == 3 && strcmp(argv[1], "--abort-in") == 0) {
                /* Let the kernel write the core: comm goes into NT_PRPSINFO. */
                struct rlimit limit = { RLIM_INFINITY, RLIM_INFINITY };
                if (setrlimit(RLIMIT_CORE, &limit) != 0) return 95;
                if (chdir(argv[2]) != 0) return 96;
                prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
                abort();
            }
            char comm[32] = {0};
            FILE *f = fopen("/proc/self/comm", "r");
            if (!f || !fgets(comm, sizeof comm, f)) return 97;
            fclose(f);
            comm[strcspn(comm, "\n")] = 0;
            printf("ready %d %s\n", getpid(), comm);
            fflush(stdout);
            char c;
            while (read(0, &c, 1) > 0) { }
            free(name);
            return 0;
        }
        """;

    private LiveHelperProcess? _helper;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "casemgr-prctl-" + Guid.NewGuid().ToString("N")[..8]);

    public string CorePath { get; private set; } = string.Empty;

    /// <summary>The core the kernel wrote when the helper aborted (core_pattern <c>core</c>: in its working directory).</summary>
    public string KernelCorePath { get; private set; } = string.Empty;

    /// <summary>What /proc/PID/comm said after the rename (the kernel's view: 15 characters at most).</summary>
    public string Comm { get; private set; } = string.Empty;

    public int Pid { get; private set; }

    public async Task InitializeAsync()
    {
        if (DumpTools.MissingReason is not null)
        {
            return;
        }

        _helper = await LiveHelperProcess.StartAsync(Directory, BinaryName, Source);
        Pid = _helper.Pid;
        Comm = _helper.ReadyText;

        using var dumping = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        CorePath = await _helper.GcoreAsync(dumping.Token);

        if (KernelCoreFactAttribute.MissingReason is null)
        {
            var kernelDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "kernel")).FullName;
            var (code, _, stderr) = await DumpTools.RunAsync(_helper.BinaryPath, ["--abort-in", kernelDirectory], dumping.Token);
            KernelCorePath = System.IO.Directory.GetFiles(kernelDirectory, "core*").SingleOrDefault() ?? string.Empty;
            File.Exists(KernelCorePath).ShouldBeTrue($"the kernel wrote no core (exit {code}): {stderr}");
        }
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
