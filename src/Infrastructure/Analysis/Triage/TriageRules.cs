using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using C = CaseManager.Infrastructure.Analysis.Triage.TriageFindingCatalogue;

namespace CaseManager.Infrastructure.Analysis.Triage;

/// <summary>The triage rules: each turns facts of the parsed bundle into coded findings with the exact remediation command.</summary>
internal sealed partial class TriageRules
{
    private static readonly DomainSuffixList MiningPools = new("mining-pools.txt");

    private static readonly string[] KernelThreadPrefixes =
    [
        "kthreadd", "ksoftirqd/", "kworker/", "migration/", "rcu_", "watchdog/", "kswapd", "kcompactd", "khugepaged", "kdevtmpfs", "kauditd",
        "khungtaskd", "oom_reaper", "writeback", "kblockd", "kintegrityd", "ksmd", "cpuhp/", "idle_inject/", "jbd2/", "irq/", "scsi_eh_", "kthrotld",
    ];

    private static readonly string[] ConfigExtensions =
        [".conf", ".cfg", ".cnf", ".ini", ".log", ".txt", ".pid", ".lock", ".xml", ".json", ".yml", ".yaml", ".dat", ".db", ".bak", ".jpg", ".png", ".gif"];

    private static readonly string[] TempPrefixes = ["/tmp/", "/var/tmp/", "/dev/shm/"];
    private static readonly string[] WindowsDropDirectories = [@"\appdata\local\temp\", @"\users\public\", @"\programdata\", @"\windows\temp\", @"\$recycle.bin\"];
    private static readonly string[] UserToolDirectories =
        ["/.local/", "/.cargo/", "/.rustup/", "/.nvm/", "/.dotnet/", "/.vscode-server/", "/.pyenv/", "/.rbenv/", "/.sdkman/", "/.npm/", "/.cache/ms-playwright/"];

    private static readonly string[] SystemSocketDirectories = ["/tmp/.X11-unix", "/tmp/.ICE-unix", "/tmp/.XIM-unix", "/tmp/.font-unix", "/tmp/.Test-unix"];

    private static readonly int[] IrcPorts = [6660, 6661, 6662, 6663, 6664, 6665, 6666, 6667, 6668, 6669, 6697, 7000];

    private readonly TriageParser _bundle;
    private readonly Dictionary<int, TriageProcess> _byPid;
    private readonly long _now;
    private readonly HashSet<string> _flaggedPaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indicatorKeys = [];

    public TriageRules(TriageParser bundle)
    {
        _bundle = bundle;
        _byPid = [];
        foreach (var process in bundle.Processes)
        {
            _byPid.TryAdd(process.Pid, process);
        }

        _now = (bundle.CollectedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
    }

    public List<AnalysisFinding> Findings { get; } = [];

    public List<AnalysisIndicator> Indicators { get; } = [];

    public void Run()
    {
        FakeKernelThreads();
        ProcessLocations();
        ConfigPosingFiles();
        HighCpu();
        EncodedPowerShell();
        Network();
        Persistence();
        Accounts();
        BruteForce();
        KernelModules();
    }

    /// <summary>Names of public Linux kernel rootkits (their default module names).</summary>
    private static readonly HashSet<string> RootkitModules = new(StringComparer.OrdinalIgnoreCase)
    {
        "diamorphine", "reptile", "reptile_module", "khook", "suterusu", "adore", "adore-ng", "adore_ng", "kovid", "nuk3gh0st",
        "enyelkm", "rootfoo", "sutekh", "knark", "phalanx", "wnps", "kbeast", "ipsecs_kbeast_v1", "brootus", "rkduck", "puszek",
    };

    /// <summary>Out-of-tree, unsigned modules hosts commonly load (graphics, hypervisors, file systems, backup and EDR agents).</summary>
    private static readonly string[] VendorModulePrefixes =
    [
        "nvidia", "vbox", "vmmon", "vmnet", "vmw_", "zfs", "spl", "zavl", "znvpair", "zunicode", "zcommon", "zlua", "zzstd", "icp",
        "v4l2loopback", "wireguard", "veeam", "falcon_", "sentinel", "cbsensor", "amdgpu", "evdi", "acpi_call", "tp_smapi", "ddcci",
    ];

    private void KernelModules()
    {
        foreach (var m in _bundle.Modules)
        {
            var taint = m.Taint.Length > 0 ? m.Taint : "-";
            if (RootkitModules.Contains(m.Name))
            {
                Add(C.RootkitModule, null, "modules", Limit(m.Name), Arg("name", ArgumentType.Text, m.Name), Arg("taint", ArgumentType.Text, taint),
                    Arg("command", ArgumentType.Command, $"rmmod {Quote(m.Name)}; find /lib/modules /etc/modules-load.d /etc/modprobe.d /etc/modules -name '*{m.Name.Replace("'", string.Empty, StringComparison.Ordinal)}*'"));
                Indicator(IndicatorType.FilePath, m.Name + ".ko", "loaded kernel module");
            }
            else if (m.Taint.Contains('O', StringComparison.Ordinal) && m.Taint.Contains('E', StringComparison.Ordinal)
                     && !VendorModulePrefixes.Any(p => m.Name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                Add(C.UnsignedModule, null, "modules", Limit(m.Name), Arg("name", ArgumentType.Text, m.Name), Arg("taint", ArgumentType.Text, taint),
                    Arg("command", ArgumentType.Command, $"modinfo {Quote(m.Name)}; rmmod {Quote(m.Name)}"));
            }
        }
    }

    private void FakeKernelThreads()
    {
        var fake = _bundle.Processes.Where(IsFakeKernelThread).ToList();
        var fakePids = fake.Select(p => p.Pid).ToHashSet();
        foreach (var root in fake.Where(p => !fakePids.Contains(p.Ppid)))
        {
            var tree = Descendants(root.Pid).ToList();
            var all = new[] { root.Pid }.Concat(tree.Select(p => p.Pid)).ToList();
            foreach (var pid in all)
            {
                Flag(_byPid[pid], "fake-kernel-thread");
            }

            var exe = Exe(root);
            var command = "kill -9 " + string.Join(' ', all.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            Add(C.FakeKernelThread, null, "processes", exe.Length > 0 ? Limit(exe) : "fake-kernel-thread",
                Arg("pid", ArgumentType.Pid, root.Pid), Arg("name", ArgumentType.ProcessName, DisplayName(root)), Arg("ppid", ArgumentType.Pid, root.Ppid),
                FindingArgument.List("children", ArgumentType.Pid, tree.Select(p => p.Pid.ToString(CultureInfo.InvariantCulture))),
                Arg("exe", ArgumentType.Path, exe.Length > 0 ? exe : "-"), Arg("command", ArgumentType.Command, command));
            Indicator(IndicatorType.Process, DisplayName(root), $"pid {root.Pid}");
            if (exe.Length > 0)
            {
                _flaggedPaths.Add(exe);
                Indicator(IndicatorType.FilePath, exe, $"executable of pid {root.Pid}");
            }
        }
    }

    private bool IsFakeKernelThread(TriageProcess p)
    {
        if (p.Pid is 1 or 2 || _bundle.Os != "linux")
        {
            return false;
        }

        var argv0 = p.Cmdline.Split(' ', 2)[0];
        if ((p.Name.StartsWith('[') && p.Name.EndsWith(']')) || (argv0.StartsWith('[') && argv0.EndsWith(']')))
        {
            return true; // the kernel never puts brackets in a thread's comm, and kernel threads have no argv
        }

        var looksKernel = KernelThreadPrefixes.Any(k => p.Name.StartsWith(k, StringComparison.Ordinal));
        return looksKernel && (p.Exe.Length > 0 || p.Cmdline.Length > 0 || p.Maps.Count > 0 || p.Ppid is not (0 or 2));
    }

    private IEnumerable<TriageProcess> Descendants(int pid)
    {
        var queue = new Queue<int>([pid]);
        var seen = new HashSet<int> { pid };
        while (queue.Count > 0 && seen.Count < 10_000)
        {
            var parent = queue.Dequeue();
            foreach (var child in _bundle.Processes.Where(p => p.Ppid == parent && seen.Add(p.Pid)))
            {
                queue.Enqueue(child.Pid);
                yield return child;
            }
        }
    }

    private void ProcessLocations()
    {
        foreach (var p in _bundle.Processes)
        {
            var exe = Exe(p);
            if (exe.Length == 0)
            {
                continue;
            }

            var kill = $"kill -9 {p.Pid}";
            if (p.Exe.EndsWith(" (deleted)", StringComparison.Ordinal))
            {
                Flag(p, "deleted-exe");
                Add(C.DeletedExecutable, null, "processes", Limit(p.Exe), Arg("pid", ArgumentType.Pid, p.Pid), Arg("name", ArgumentType.ProcessName, DisplayName(p)),
                    Arg("exe", ArgumentType.Path, p.Exe), Arg("command", ArgumentType.Command, $"cp /proc/{p.Pid}/exe /root/pid{p.Pid}.bin && {kill}"));
                Indicator(IndicatorType.Process, DisplayName(p), $"pid {p.Pid}");
                _flaggedPaths.Add(exe);
            }

            if (IsDropLocation(exe))
            {
                Flag(p, "suspicious-location");
                Add(C.SuspiciousLocation, null, "processes", Limit(exe), Arg("pid", ArgumentType.Pid, p.Pid), Arg("name", ArgumentType.ProcessName, DisplayName(p)),
                    Arg("exe", ArgumentType.Path, exe), Arg("command", ArgumentType.Command, IsWindowsPath(exe) ? $"taskkill /F /PID {p.Pid}" : $"{kill} && rm -f {Quote(exe)}"));
                Indicator(IndicatorType.FilePath, exe, $"executable of pid {p.Pid}");
                _flaggedPaths.Add(exe);
            }
        }
    }

    private void ConfigPosingFiles()
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in _bundle.Files)
        {
            if (file.Magic is not ("ELF" or "PE"))
            {
                continue;
            }

            if (IsConfigLike(file.Path))
            {
                ConfigFinding(file.Path, file.Magic, file.Sha256, reported);
            }
            else if (TempPrefixes.Any(t => file.Path.StartsWith(t, StringComparison.Ordinal)))
            {
                _flaggedPaths.Add(file.Path);
            }
        }

        // Executables in temp directories: one finding per directory, so a build tree left in /tmp stays one line.
        var temp = _bundle.Files.Where(f => f.Magic is "ELF" or "PE" && !IsConfigLike(f.Path) && TempPrefixes.Any(t => f.Path.StartsWith(t, StringComparison.Ordinal)));
        foreach (var directory in temp.GroupBy(f => f.Path[..f.Path.LastIndexOf('/')], StringComparer.Ordinal))
        {
            var files = directory.Select(f => f.Path).ToList();
            var command = files.Count <= 10 ? "rm -f " + string.Join(' ', files.Select(Quote)) : $"ls -la {Quote(directory.Key)}  # {files.Count} executables: review before removing";
            Add(C.TempExecutable, null, "files", Limit(directory.Key + "/"), Arg("directory", ArgumentType.Path, directory.Key),
                FindingArgument.List("files", ArgumentType.Path, files), Arg("command", ArgumentType.Command, command));
            foreach (var file in directory.Take(20))
            {
                Indicator(IndicatorType.FilePath, file.Path, $"{file.Magic} executable in a temp directory");
                Indicator(IndicatorType.Hash, file.Sha256, file.Path);
            }
        }

        // A running process's executable is code whatever its name: one named like configuration poses as it.
        foreach (var p in _bundle.Processes)
        {
            var exe = Exe(p);
            if (exe.Length > 0 && !IsWindowsPath(exe) && IsConfigLike(exe) && !exe.StartsWith("/etc/alternatives/", StringComparison.Ordinal) && !reported.Contains(exe))
            {
                var hash = _bundle.Files.FirstOrDefault(f => f.Path == exe)?.Sha256 ?? "-";
                ConfigFinding(exe, "ELF", hash, reported);
            }
        }
    }

    private void ConfigFinding(string path, string magic, string sha256, HashSet<string> reported)
    {
        if (!reported.Add(path))
        {
            return;
        }

        var command = IsWindowsPath(path) ? $"del /f \"{path}\"" : $"chattr -i {Quote(path)} && rm -f {Quote(path)}";
        var users = _bundle.Processes.Where(p => Exe(p) == path).Select(p => p.Pid).ToList();
        if (users.Count > 0 && !IsWindowsPath(path))
        {
            command = $"kill -9 {string.Join(' ', users)} && {command}";
        }

        Add(C.ExecutableAsConfig, null, "files", Limit(path), Arg("path", ArgumentType.Path, path), Arg("magic", ArgumentType.Text, magic),
            Arg("sha256", ArgumentType.Hash, sha256), Arg("command", ArgumentType.Command, command));
        Indicator(IndicatorType.FilePath, path, $"{magic} executable named like configuration");
        if (sha256.Length == 64)
        {
            Indicator(IndicatorType.Hash, sha256, path);
        }

        _flaggedPaths.Add(path);
    }

    private static bool IsConfigLike(string path)
    {
        var lower = path.ToLowerInvariant();
        return ConfigExtensions.Any(e => lower.EndsWith(e, StringComparison.Ordinal)) || lower.StartsWith("/etc/", StringComparison.Ordinal);
    }

    private void HighCpu()
    {
        foreach (var p in _bundle.Processes)
        {
            if (p.StartUnix is not { } start || p.CpuSeconds < 300)
            {
                continue;
            }

            var share = p.CpuSeconds / Math.Max(1, _now - start);
            if (share >= 0.5)
            {
                Flag(p, "high-cpu");
                Add(C.HighCpu, FindingSeverity.Medium, "processes", RowFilter(p), Arg("pid", ArgumentType.Pid, p.Pid), Arg("name", ArgumentType.ProcessName, DisplayName(p)),
                    FindingArgument.Of("cpu", ArgumentType.Number, p.CpuSeconds), FindingArgument.Of("share", ArgumentType.Number, Math.Round(share * 100, 1)),
                    Arg("command", ArgumentType.Command, _bundle.Os == "windows" ? $"taskkill /F /PID {p.Pid}" : $"kill -9 {p.Pid}"));
            }
        }
    }

    private void EncodedPowerShell()
    {
        var sources = _bundle.Processes.Select(p => ($"pid {p.Pid} {DisplayName(p)}", p.Cmdline))
            .Concat(_bundle.Persistence.Select(s => ($"{s.Kind} {s.Location}", s.Command)));
        foreach (var (location, command) in sources)
        {
            var m = EncodedCommand().Match(command);
            if (!m.Success)
            {
                continue;
            }

            string decoded;
            try
            {
                decoded = Encoding.Unicode.GetString(Convert.FromBase64String(m.Groups["b64"].Value));
            }
            catch (FormatException)
            {
                decoded = m.Groups["b64"].Value;
            }

            decoded = decoded.Length > 300 ? decoded[..300] + "…" : decoded;
            Add(C.EncodedPowerShell, null, null, null, Arg("location", ArgumentType.Text, location), Arg("decoded", ArgumentType.Command, decoded));
            Indicator(IndicatorType.Command, decoded, location);
        }
    }

    private void Network()
    {
        // Mining pools and dynamic-DNS names: named in command lines, or mapped to connected addresses by /etc/hosts.
        foreach (var p in _bundle.Processes)
        {
            string? pool = null;
            var stratum = StratumUrl().Match(p.Cmdline);
            if (stratum.Success)
            {
                pool = stratum.Value;
            }

            foreach (Match host in HostName().Matches(p.Cmdline))
            {
                var name = host.Value.ToLowerInvariant();
                if (pool is null && MiningPools.Match(name) is not null)
                {
                    pool = name;
                }

                if (DynamicDnsZones.Match(name) is { } zone)
                {
                    DynamicDnsFinding(name, zone, $"pid {p.Pid} {DisplayName(p)}");
                }
            }

            var remotes = Established(p.Pid).ToList();
            foreach (var c in remotes)
            {
                var hostName = _bundle.HostsEntries.FirstOrDefault(h => h.Ip == c.Remote.Ip && MiningPools.Match(h.Name) is not null).Name;
                pool ??= hostName;
            }

            if (pool is not null)
            {
                Flag(p, "mining");
                Add(C.MiningPool, null, "connections", remotes.Count > 0 ? remotes[0].Remote.ToString() : p.Name, Arg("pid", ArgumentType.Pid, p.Pid), Arg("process", ArgumentType.ProcessName, DisplayName(p)),
                    Arg("pool", ArgumentType.Domain, pool), FindingArgument.List("remote", ArgumentType.Endpoint, remotes.Select(r => r.Remote.ToString())),
                    Arg("parents", ArgumentType.Text, Parents(p)), Arg("command", ArgumentType.Command, Kill(p)));
                Indicator(pool.Contains("://", StringComparison.Ordinal) ? IndicatorType.Url : IndicatorType.Domain, pool, $"pid {p.Pid}");
                Indicator(IndicatorType.Process, DisplayName(p), $"pid {p.Pid}");
            }
        }

        foreach (var item in _bundle.Persistence.Where(i => i.Kind != "authorized_keys"))
        {
            foreach (Match host in HostName().Matches(item.Command))
            {
                if (DynamicDnsZones.Match(host.Value) is { } zone)
                {
                    DynamicDnsFinding(host.Value.ToLowerInvariant(), zone, $"{item.Kind} {item.Location}");
                }
            }
        }

        foreach (var (ip, name) in _bundle.HostsEntries)
        {
            if (DynamicDnsZones.Match(name) is { } zone)
            {
                DynamicDnsFinding(name, zone, $"/etc/hosts ({ip})");
            }
        }

        // IRC: one finding per process (or per remote for sockets no process owns), its remotes listed.
        var irc = _bundle.Connections.Where(c => c.Protocol == "tcp" && c.State == "ESTABLISHED" && IrcPorts.Contains(c.Remote.Port));
        foreach (var group in irc.GroupBy(c => c.Pid is { } pid ? pid.ToString(CultureInfo.InvariantCulture) : "-" + c.Remote, StringComparer.Ordinal))
        {
            var first = group.First();
            var p = first.Pid is { } pid ? _byPid.GetValueOrDefault(pid) : null;
            var remotes = group.Select(c => c.Remote.ToString()).Distinct(StringComparer.Ordinal).ToList();
            Add(C.Irc, null, "connections", first.Remote.ToString(),
                Arg("pid", ArgumentType.Pid, first.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Arg("process", ArgumentType.ProcessName, p is null ? "-" : DisplayName(p)), FindingArgument.List("remote", ArgumentType.Endpoint, remotes),
                Arg("parents", ArgumentType.Text, p is null ? "-" : Parents(p)),
                Arg("command", ArgumentType.Command, p is null ? $"ss -K dst {first.Remote.Ip} dport = {first.Remote.Port}" : Kill(p)));
            if (p is not null)
            {
                Flag(p, "irc");
            }
        }

        foreach (var c in _bundle.Connections.Where(c => c.State == "ESTABLISHED"))
        {
            if (System.Net.IPAddress.TryParse(c.Remote.Ip, out var ip) && !Platform.IndicatorRelevanceRules.IsOrdinaryAddress(ip))
            {
                Indicator(IndicatorType.Ip, c.Remote.Ip, c.Pid is { } pid ? $"pid {pid} {c.Protocol} {c.Remote}" : $"{c.Protocol} {c.Remote}");
            }
        }
    }

    private void DynamicDnsFinding(string name, string zone, string location)
    {
        Add(C.DynamicDns, null, null, null, Arg("name", ArgumentType.Domain, name), Arg("zone", ArgumentType.Domain, zone), Arg("location", ArgumentType.Text, location));
        Indicator(IndicatorType.Domain, name, location);
    }

    private void Persistence()
    {
        foreach (var item in _bundle.Persistence)
        {
            if (item.Kind == "authorized_keys")
            {
                continue;
            }

            if (item.Kind == "ld.so.preload")
            {
                Add(C.LdPreload, null, "persistence", RowFilter(item), Arg("location", ArgumentType.Path, item.Location), Arg("entry", ArgumentType.Text, item.Command),
                    Arg("command", ArgumentType.Command, $"chattr -i /etc/ld.so.preload && sed -i '\\#^{item.Command}$#d' /etc/ld.so.preload && rm -f {Quote(item.Command)}"));
                Indicator(IndicatorType.FilePath, item.Command, "/etc/ld.so.preload");
                continue;
            }

            var target = SuspiciousTarget(item.Command);
            if (target is not null)
            {
                Add(C.SuspiciousPersistence, null, "persistence", RowFilter(item), Arg("kind", ArgumentType.Text, item.Kind),
                    Arg("location", ArgumentType.Path, item.Location), Arg("entry", ArgumentType.Command, item.Command), Arg("target", ArgumentType.Text, target), AttackFor(item.Kind));
                Indicator(IndicatorType.StartupItem, $"{item.Location}: {item.Command}", item.Kind);
            }

            if (item.Signature is { Length: > 0 } signature && !signature.Equals("Valid", StringComparison.OrdinalIgnoreCase) && !signature.Equals("-", StringComparison.Ordinal))
            {
                Add(C.UnsignedStartup, null, "persistence", RowFilter(item), Arg("kind", ArgumentType.Text, item.Kind),
                    Arg("location", ArgumentType.Text, item.Location), Arg("entry", ArgumentType.Command, item.Command), Arg("signature", ArgumentType.Text, signature));
                Indicator(IndicatorType.StartupItem, $"{item.Location}: {item.Command}", item.Kind);
            }
        }
    }

    /// <summary>Why a start-up command is suspicious, or null.</summary>
    private string? SuspiciousTarget(string command)
    {
        if (DownloadAndRun().IsMatch(command))
        {
            return "download-and-run";
        }

        if (EncodedCommand().IsMatch(command) || Base64Decode().IsMatch(command))
        {
            return "decodes a payload";
        }

        foreach (Match m in PathToken().Matches(command))
        {
            var path = m.Value.TrimEnd(';', ')', '"', '\'');
            if (SystemSocketDirectories.Any(d => path.StartsWith(d, StringComparison.Ordinal)) || path.Contains("XXX", StringComparison.Ordinal)
                || FileTest().IsMatch(command[..m.Index]))
            {
                continue; // X/ICE socket directories, mktemp templates and `[ -d /tmp/x ]` tests name a path without running it
            }

            if (_flaggedPaths.Contains(path))
            {
                return path;
            }

            if (IsDropLocation(path))
            {
                return path;
            }
        }

        foreach (Match m in WindowsPathToken().Matches(command))
        {
            if (IsDropLocation(m.Value))
            {
                return m.Value;
            }
        }

        return null;
    }

    private void Accounts()
    {
        foreach (var account in _bundle.Accounts.Where(a => a.Uid == "0" && a.Name != "root"))
        {
            Add(C.UidZero, null, "accounts", Limit(account.Name), Arg("account", ArgumentType.Account, account.Name), Arg("shell", ArgumentType.Path, account.Shell),
                Arg("command", ArgumentType.Command, $"usermod -L -s /usr/sbin/nologin {account.Name} && userdel {account.Name}"));
            Indicator(IndicatorType.Process, $"account {account.Name} (uid 0)", "/etc/passwd");
        }

        foreach (var (path, modified, keys) in _bundle.KeyFiles)
        {
            if (keys > 0 && _now - modified <= 7 * 86400 && modified <= _now + 86400)
            {
                Add(C.NewSshKey, null, "persistence", Limit(path), Arg("path", ArgumentType.Path, path), Arg("keys", ArgumentType.Count, keys),
                    Arg("time", ArgumentType.Time, modified * 1_000_000_000));
                Indicator(IndicatorType.StartupItem, path, "authorized_keys changed in the last 7 days");
            }
        }
    }

    private void BruteForce()
    {
        foreach (var group in _bundle.Auth.GroupBy(a => a.Source).Where(g => g.Key.Length > 0 && g.Key != "-"))
        {
            var ordered = group.OrderBy(a => a.Unix ?? 0).ToList();
            var failures = 0;
            TriageAuthEvent? success = null;
            foreach (var e in ordered)
            {
                if (!e.Success)
                {
                    failures++;
                }
                else if (failures >= 10)
                {
                    success = e;
                    break;
                }
            }

            var block = $"iptables -I INPUT -s {group.Key} -j DROP";
            if (success is not null)
            {
                Add(C.BruteForceSuccess, null, "auth_failures", group.Key, Arg("source", ArgumentType.Ip, group.Key), Arg("failures", ArgumentType.Count, failures),
                    Arg("user", ArgumentType.Account, success.User), Arg("time", ArgumentType.Time, (success.Unix ?? 0) * 1_000_000_000),
                    Arg("command", ArgumentType.Command, $"{block} && passwd -l {success.User}"));
                Indicator(IndicatorType.Ip, group.Key, $"{failures} failed logins then a login as {success.User}");
            }
            else
            {
                var total = ordered.Count(e => !e.Success);
                if (total >= 20 && !ordered.Any(e => e.Success))
                {
                    Add(C.BruteForce, null, "auth_failures", group.Key, Arg("source", ArgumentType.Ip, group.Key), Arg("failures", ArgumentType.Count, total),
                        FindingArgument.List("users", ArgumentType.Account, ordered.Select(e => e.User).Distinct(StringComparer.Ordinal)), Arg("command", ArgumentType.Command, block));
                    Indicator(IndicatorType.Ip, group.Key, $"{total} failed logins");
                }
            }
        }
    }

    private IEnumerable<TriageConnection> Established(int pid) =>
        _bundle.Connections.Where(c => c.Pid == pid && c.State == "ESTABLISHED");

    private string Parents(TriageProcess p)
    {
        var chain = new List<string>();
        var seen = new HashSet<int>();
        var current = p;
        while (current is not null && seen.Add(current.Pid) && chain.Count < 8)
        {
            chain.Add($"{current.Pid} {DisplayName(current)}");
            current = _byPid.GetValueOrDefault(current.Ppid);
        }

        return string.Join(" ← ", chain);
    }

    private string Kill(TriageProcess p) => _bundle.Os == "windows" ? $"taskkill /F /PID {p.Pid}" : $"kill -9 {p.Pid}";

    private static string Exe(TriageProcess p) => p.Exe.EndsWith(" (deleted)", StringComparison.Ordinal) ? p.Exe[..^" (deleted)".Length] : p.Exe;

    private static string DisplayName(TriageProcess p)
    {
        var argv0 = p.Cmdline.Split(' ', 2)[0];
        return argv0.StartsWith('[') && argv0.EndsWith(']') ? argv0 : p.Name;
    }

    private static bool IsDropLocation(string path)
    {
        if (IsWindowsPath(path))
        {
            var lower = path.ToLowerInvariant();
            return WindowsDropDirectories.Any(lower.Contains);
        }

        return TempPrefixes.Any(t => path.StartsWith(t, StringComparison.Ordinal))
               || (HiddenSegment().IsMatch(path) && !UserToolDirectories.Any(d => path.Contains(d, StringComparison.Ordinal)));
    }

    private static bool IsWindowsPath(string path) => path.Length > 2 && path[1] == ':';

    private static string Quote(string path) => path.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+') ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static FindingArgument Arg(string name, ArgumentType type, string value) => FindingArgument.Of(name, type, value);

    private static FindingArgument Arg(string name, ArgumentType type, long value) => FindingArgument.Of(name, type, value);

    /// <summary>The ATT&amp;CK technique of a start-up item's kind (passed in as a pseudo-argument and removed by <see cref="Add"/>).</summary>
    private static FindingArgument AttackFor(string kind) => new("@attack", ArgumentType.Text, [kind switch
    {
        "cron" or "cron-script" => "T1053.003",
        "systemd" => "T1543.002",
        "rc.local" or "init.d" => "T1037.004",
        "shell-startup" => "T1546.004",
        "autostart" => "T1547.013",
        "run-key" or "startup-folder" => "T1547.001",
        "service" => "T1543.003",
        "task" => "T1053.005",
        "wmi" => "T1546.003",
        _ => "T1053",
    }], 1);

    /// <summary>
    /// A result-page filter (text contained in a row's text columns) that finds the process's row: its executable, else its
    /// command line, else its name.
    /// </summary>
    private static string RowFilter(TriageProcess p) =>
        Limit(p.Exe.Length > 0 ? p.Exe : p.Cmdline.Length > 0 ? p.Cmdline : p.Name);

    /// <summary>The start-up item's row: its command when short enough to be a filter, else its location.</summary>
    private static string RowFilter(TriagePersistence item) => item.Command.Length is > 0 and <= MaxFilter ? item.Command : Limit(item.Location);

    private const int MaxFilter = 200;

    private static string Limit(string text) => text.Length <= MaxFilter ? text : text[..MaxFilter];

    private static void Flag(TriageProcess p, string flag) => (p.Flags ??= []).Add(flag);

    private void Add(string code, FindingSeverity? severity, string? table, string? filter, params FindingArgument[] arguments)
    {
        if (Findings.Count >= 1000)
        {
            return;
        }

        var definition = C.Instance.Findings.First(f => f.Code == code);
        var attack = arguments.FirstOrDefault(a => a.Name == "@attack")?.Value ?? definition.Attack;
        Findings.Add(new AnalysisFinding(code, severity ?? definition.Severity, [.. arguments.Where(a => a.Name != "@attack")],
            table is null ? null : new EvidenceReference(table, filter), attack));
    }

    private void Indicator(IndicatorType type, string value, string context)
    {
        if (Indicators.Count < 5000 && _indicatorKeys.Add($"{type}|{value}"))
        {
            Indicators.Add(new AnalysisIndicator(type, value, context));
        }
    }

    [GeneratedRegex(@"(?i)\b(?:powershell|pwsh)(?:\.exe)?\b.*?\s[-/]e(?:n(?:c(?:o(?:d(?:e(?:d(?:c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?)?)?)?)?)?)?)?\s+[""']?(?<b64>[A-Za-z0-9+/]{8,}={0,2})")]
    private static partial Regex EncodedCommand();

    [GeneratedRegex(@"(?i)\b(?:curl|wget|fetch)\b[^\n]*(?:\|\s*(?:ba|da|z|k)?sh\b|\|\s*python|;\s*(?:ba)?sh\s|&&\s*(?:ba)?sh\s|chmod\s+[+0-7]*x)|/dev/tcp/|(?i)(?:iex|invoke-expression)\b.*(?:downloadstring|invoke-webrequest|iwr|net\.webclient)|(?:downloadstring|downloadfile)\s*\(")]
    private static partial Regex DownloadAndRun();

    [GeneratedRegex(@"(?i)base64\s+(?:-d|--decode)|frombase64string")]
    private static partial Regex Base64Decode();

    [GeneratedRegex(@"(?<![\w.])/[\w.+@%~-]+(?:/[\w.+@%~-]+)+")]
    private static partial Regex PathToken();

    [GeneratedRegex(@"(?:\[\s+!?\s*-[a-zA-Z]\s+[""']?|\btest\s+-[a-zA-Z]\s+[""']?|\bmktemp\s+(?:-\S+\s+)*)$")]
    private static partial Regex FileTest();

    [GeneratedRegex(@"[A-Za-z]:\\[^\s""'|<>]+")]
    private static partial Regex WindowsPathToken();

    [GeneratedRegex(@"/\.[^./][^/]*/")]
    private static partial Regex HiddenSegment();

    [GeneratedRegex(@"stratum\+(?:tcp|ssl|tls)://[^\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex StratumUrl();

    [GeneratedRegex(@"(?<![\w.-])(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}(?![\w-])")]
    private static partial Regex HostName();
}
