using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Triage;

/// <summary>Turns the members of a bundle (docs/triage-bundle.md) into the host's processes, sockets, start-up items, accounts …</summary>
internal sealed partial class TriageParser
{
    private static readonly string[] SuspiciousLineMarkers =
        ["/tmp/", "/var/tmp/", "/dev/shm/", "curl ", "wget ", "base64", "nohup ", "/dev/tcp/", "| sh", "|sh", "| bash", "|bash", "chattr ", "iex", "downloadstring"];

    private readonly Dictionary<string, BundleMember> _members;
    private readonly List<AnalysisWarning> _warnings;

    public TriageParser(Dictionary<string, BundleMember> members, List<AnalysisWarning> warnings)
    {
        _members = members;
        _warnings = warnings;
    }

    public string Host { get; private set; } = "unknown";

    public string Os { get; private set; } = "linux";

    public DateTimeOffset? CollectedAt { get; private set; }

    public string? Collector { get; private set; }

    public List<TriageProcess> Processes { get; } = [];

    public List<TriageConnection> Connections { get; } = [];

    public List<TriagePersistence> Persistence { get; } = [];

    public List<TriageModule> Modules { get; } = [];

    public List<TriageAccount> Accounts { get; } = [];

    public List<TriageAuthEvent> Auth { get; } = [];

    public List<TriageFile> Files { get; } = [];

    /// <summary>authorized_keys files: path on the host and modification time (unix seconds).</summary>
    public List<(string Path, long Modified, int Keys)> KeyFiles { get; } = [];

    /// <summary>Names the host file maps to addresses (from /etc/hosts).</summary>
    public List<(string Ip, string Name)> HostsEntries { get; } = [];

    public void Parse()
    {
        Manifest();
        ProcessesTable();
        MapsTable();
        SocketsTable();
        FilesTable();
        LinuxPersistence();
        WindowsTables();
        AccountsFromPasswd();
        AuthLogs();
        ModulesTable();
        HostsFile();
    }

    private void Manifest()
    {
        if (!_members.TryGetValue("manifest.json", out var manifest))
        {
            Warn("triage.manifest.missing");
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(manifest.Data);
            var root = doc.RootElement;
            Host = Str(root, "host") ?? Host;
            Os = Str(root, "os") ?? Os;
            Collector = Str(root, "collector") is { } c ? $"{c} {Str(root, "version")}".Trim() : null;
            if (DateTimeOffset.TryParse(Str(root, "collectedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                CollectedAt = at.ToUniversalTime();
            }

            if (root.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Object)
            {
                var listed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var file in files.EnumerateObject())
                {
                    var name = TriageBundleReader.Normalise(file.Name);
                    if (name is null)
                    {
                        continue;
                    }

                    listed.Add(name);
                    if (_members.TryGetValue(name, out var member) && !string.Equals(TriageBundleReader.Sha256(member.Data), file.Value.GetString(), StringComparison.OrdinalIgnoreCase))
                    {
                        Warn("triage.manifest.hash-mismatch", ("member", ArgumentType.Path, name));
                    }
                }

                var unlisted = _members.Keys.Where(k => k != "manifest.json" && !listed.Contains(k)).ToList();
                if (unlisted.Count > 0)
                {
                    _warnings.Add(new AnalysisWarning("triage.manifest.unlisted", [FindingArgument.List("members", ArgumentType.Path, unlisted)]));
                }
            }
        }
        catch (JsonException ex)
        {
            Warn("triage.manifest.invalid", ("detail", ArgumentType.Text, ex.Message));
        }
    }

    private void ProcessesTable()
    {
        foreach (var row in Tsv("processes.tsv"))
        {
            if (!int.TryParse(row.Get("pid"), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            _ = int.TryParse(row.Get("ppid"), CultureInfo.InvariantCulture, out var ppid);
            var start = ParseTime(row.Get("start_time"));
            _ = double.TryParse(row.Get("cpu_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var cpu);
            Processes.Add(new TriageProcess(pid, ppid, row.Get("name"), row.Get("cmdline"), row.Get("exe"), row.Get("uid"), Iso(start))
            {
                CpuSeconds = cpu,
                StartUnix = start,
                Cwd = row.Get("cwd"),
                Signature = row.GetOrNull("signature"),
            });
        }
    }

    private void MapsTable()
    {
        var byPid = Processes.ToDictionary(p => p.Pid);
        foreach (var row in Tsv("maps.tsv"))
        {
            if (int.TryParse(row.Get("pid"), CultureInfo.InvariantCulture, out var pid) && byPid.TryGetValue(pid, out var process) && process.Maps.Count < 2000)
            {
                process.Maps.Add(row.Get("path"));
            }
        }
    }

    private void SocketsTable()
    {
        foreach (var row in Tsv("sockets.tsv"))
        {
            var protocol = row.Get("protocol").ToLowerInvariant();
            var local = Endpoint(row.Get("local"));
            var remote = Endpoint(row.Get("remote"));
            if (local is null || remote is null)
            {
                continue;
            }

            int? pid = int.TryParse(row.Get("pid"), CultureInfo.InvariantCulture, out var p) ? p : null;
            var state = row.Get("state");
            if (state.Length == 2 && int.TryParse(state, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                state = TcpState(code, protocol.StartsWith("udp", StringComparison.Ordinal));
            }

            Connections.Add(new TriageConnection(pid, protocol.TrimEnd('6'), local, remote, state.ToUpperInvariant()));
        }
    }

    private void FilesTable()
    {
        foreach (var row in Tsv("executables.tsv"))
        {
            var mtime = ParseTime(row.Get("mtime"));
            _ = long.TryParse(row.Get("size"), CultureInfo.InvariantCulture, out var size);
            Files.Add(new TriageFile(row.Get("path"), row.Get("sha256").ToLowerInvariant(), size, row.Get("magic"), Iso(mtime)) { MtimeUnix = mtime });
        }
    }

    private void LinuxPersistence()
    {
        foreach (var (name, member) in _members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith("files/", StringComparison.Ordinal))
            {
                continue;
            }

            var path = name["files".Length..];
            var kind = PersistenceKind(path);
            if (kind is null)
            {
                continue;
            }

            var lines = Text(member.Data).Split('\n');
            if (kind == "authorized_keys")
            {
                var keys = lines.Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
                KeyFiles.Add((path, member.Modified.ToUnixTimeSeconds(), keys));
                foreach (var line in lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
                {
                    var parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var shown = parts.Length >= 3 ? $"{parts[0]} …{Tail(parts[1], 12)} {string.Join(' ', parts[2..])}" : line.Trim()[..Math.Min(line.Trim().Length, 80)];
                    Persistence.Add(new TriagePersistence(kind, path, shown));
                }

                continue;
            }

            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                switch (kind)
                {
                    case "cron":
                        if (CronVariable().IsMatch(line))
                        {
                            continue;
                        }

                        Persistence.Add(new TriagePersistence(kind, path, line));
                        break;
                    case "systemd" or "autostart":
                        if (ExecLine().IsMatch(line))
                        {
                            Persistence.Add(new TriagePersistence(kind, path, line));
                        }

                        break;
                    case "ld.so.preload":
                        Persistence.Add(new TriagePersistence(kind, path, line));
                        break;
                    case "rc.local":
                        if (line != "exit 0")
                        {
                            Persistence.Add(new TriagePersistence(kind, path, line));
                        }

                        break;
                    default: // init.d, cron scripts, shell start-up: only lines that fetch, decode or run from droppers' places
                        if (SuspiciousLineMarkers.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase)))
                        {
                            Persistence.Add(new TriagePersistence(kind, path, line));
                        }

                        break;
                }
            }
        }
    }

    private static string? PersistenceKind(string path)
    {
        var file = Path.GetFileName(path);
        if (path is "/etc/crontab" or "/etc/anacrontab" || path.StartsWith("/etc/cron.d/", StringComparison.Ordinal) || path.StartsWith("/var/spool/cron/", StringComparison.Ordinal))
        {
            return "cron";
        }

        if (path.StartsWith("/etc/cron.", StringComparison.Ordinal))
        {
            return "cron-script";
        }

        if ((path.StartsWith("/etc/systemd/", StringComparison.Ordinal) || path.StartsWith("/run/systemd/", StringComparison.Ordinal) || path.Contains("/systemd/user/", StringComparison.Ordinal))
            && (file.EndsWith(".service", StringComparison.Ordinal) || file.EndsWith(".timer", StringComparison.Ordinal) || file.EndsWith(".conf", StringComparison.Ordinal)))
        {
            return "systemd";
        }

        if (path is "/etc/rc.local" or "/etc/rc.d/rc.local")
        {
            return "rc.local";
        }

        if (path.StartsWith("/etc/init.d/", StringComparison.Ordinal) || path.StartsWith("/etc/rc.d/init.d/", StringComparison.Ordinal))
        {
            return "init.d";
        }

        if (path == "/etc/ld.so.preload")
        {
            return "ld.so.preload";
        }

        if (file is "authorized_keys" or "authorized_keys2")
        {
            return "authorized_keys";
        }

        if (file.EndsWith(".desktop", StringComparison.Ordinal) && path.Contains("autostart", StringComparison.Ordinal))
        {
            return "autostart";
        }

        if (path is "/etc/profile" or "/etc/bash.bashrc" or "/etc/bashrc" or "/etc/environment" || path.StartsWith("/etc/profile.d/", StringComparison.Ordinal)
            || file is ".bashrc" or ".bash_profile" or ".bash_login" or ".profile" or ".zshrc" or ".bash_logout")
        {
            return "shell-startup";
        }

        return null;
    }

    private void WindowsTables()
    {
        foreach (var row in Tsv("persistence.tsv"))
        {
            Persistence.Add(new TriagePersistence(row.Get("kind"), row.Get("location"), row.Get("command")) { Signature = row.GetOrNull("signature") });
        }

        foreach (var row in Tsv("accounts.tsv"))
        {
            Accounts.Add(new TriageAccount(row.Get("name"), row.Get("uid"), row.Get("shell"), row.Get("home"), row.Get("note")));
        }

        foreach (var row in Tsv("events.tsv"))
        {
            var id = row.Get("id");
            if (id is not ("4625" or "4624"))
            {
                continue;
            }

            var time = ParseTime(row.Get("time"));
            Auth.Add(new TriageAuthEvent(Iso(time), row.Get("source"), row.Get("user"), "logon " + row.Get("logon_type")) { Unix = time, Success = id == "4624" });
        }
    }

    private void AccountsFromPasswd()
    {
        if (!_members.TryGetValue("files/etc/passwd", out var passwd))
        {
            return;
        }

        var changed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in Tsv("shadow-dates.tsv"))
        {
            if (long.TryParse(row.Get("last_change_day"), CultureInfo.InvariantCulture, out var day))
            {
                changed[row.Get("name")] = day;
            }
        }

        var today = (CollectedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 86400;
        foreach (var line in Text(passwd.Data).Split('\n'))
        {
            var f = line.Trim().Split(':');
            if (f.Length < 7)
            {
                continue;
            }

            var notes = new List<string>();
            if (f[2] == "0")
            {
                notes.Add("uid 0");
            }

            if (changed.TryGetValue(f[0], out var day) && day > 0 && today - day <= 7)
            {
                notes.Add("password set in the last 7 days");
            }

            Accounts.Add(new TriageAccount(f[0], f[2], f[6], f[5], string.Join("; ", notes)));
        }
    }

    private void AuthLogs()
    {
        var year = (CollectedAt ?? DateTimeOffset.UtcNow).Year;
        foreach (var name in new[] { "files/var/log/auth.log", "files/var/log/secure" })
        {
            if (!_members.TryGetValue(name, out var log))
            {
                continue;
            }

            foreach (var line in Text(log.Data).Split('\n'))
            {
                var m = SshLine().Match(line);
                if (!m.Success)
                {
                    continue;
                }

                var time = SyslogTime(line, year);
                Auth.Add(new TriageAuthEvent(Iso(time), m.Groups["src"].Value, m.Groups["user"].Value, "sshd") { Unix = time, Success = m.Groups["ok"].Success });
            }
        }
    }

    private void ModulesTable()
    {
        if (!_members.TryGetValue("files/proc/modules", out var modules))
        {
            return;
        }

        foreach (var line in Text(modules.Data).Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 4 && long.TryParse(f[1], CultureInfo.InvariantCulture, out var size))
            {
                var taint = f.Length >= 7 && f[6].StartsWith('(') ? f[6].Trim('(', ')') : string.Empty;
                Modules.Add(new TriageModule(f[0], size, f[3] == "-" ? string.Empty : f[3].TrimEnd(',')) { Taint = taint });
            }
        }
    }

    private void HostsFile()
    {
        if (!_members.TryGetValue("files/etc/hosts", out var hosts))
        {
            return;
        }

        foreach (var line in Text(hosts.Data).Split('\n'))
        {
            var f = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 2 && IPAddress.TryParse(f[0], out _))
            {
                foreach (var name in f[1..])
                {
                    HostsEntries.Add((f[0], name.ToLowerInvariant()));
                }
            }
        }
    }

    /// <summary>"ip:port", "[ip6]:port" or the kernel's hex ("0100007F:1F90", 32 hex digits for IPv6).</summary>
    internal static TriageEndpoint? Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var host = text[..colon].Trim('[', ']');
        var portText = text[(colon + 1)..];
        if ((host.Length is 8 or 32) && HexDigits().IsMatch(host) && portText.Length == 4 && int.TryParse(portText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hexPort))
        {
            var bytes = Convert.FromHexString(host);
            for (var i = 0; i < bytes.Length; i += 4)
            {
                Array.Reverse(bytes, i, 4); // each 32-bit word is in host (little-endian) order
            }

            var ip = new IPAddress(bytes);
            if (ip.IsIPv4MappedToIPv6)
            {
                ip = ip.MapToIPv4();
            }

            return new TriageEndpoint(ip.ToString(), hexPort);
        }

        if (text == "*:*")
        {
            return new TriageEndpoint("*", 0);
        }

        return int.TryParse(portText == "*" ? "0" : portText, CultureInfo.InvariantCulture, out var port) ? new TriageEndpoint(host, port) : null;
    }

    private static string TcpState(int code, bool udp) => udp
        ? code switch { 1 => "ESTABLISHED", 7 => "UNCONN", _ => code.ToString("X2", CultureInfo.InvariantCulture) }
        : code switch
        {
            1 => "ESTABLISHED", 2 => "SYN_SENT", 3 => "SYN_RECV", 4 => "FIN_WAIT1", 5 => "FIN_WAIT2", 6 => "TIME_WAIT", 7 => "CLOSE",
            8 => "CLOSE_WAIT", 9 => "LAST_ACK", 10 => "LISTEN", 11 => "CLOSING", _ => code.ToString("X2", CultureInfo.InvariantCulture),
        };

    /// <summary>Unix seconds (decimal) or an ISO 8601 time.</summary>
    internal static long? ParseTime(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 1e11)
        {
            return (long)seconds;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeSeconds() : null;
    }

    internal static string? Iso(long? unixSeconds) =>
        unixSeconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;

    private static long? SyslogTime(string line, int year)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 18 && DateTimeOffset.TryParse(line[..space], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso.ToUnixTimeSeconds();
        }

        if (line.Length >= 15 && DateTime.TryParseExact($"{year} {line[..15]}", ["yyyy MMM d HH:mm:ss", "yyyy MMM  d HH:mm:ss", "yyyy MMM dd HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var classic))
        {
            return new DateTimeOffset(classic, TimeSpan.Zero).ToUnixTimeSeconds();
        }

        return null;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

    internal static string Text(byte[] data) => Encoding.UTF8.GetString(data).Replace("\r", string.Empty, StringComparison.Ordinal);

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private IEnumerable<TsvRow> Tsv(string name)
    {
        if (!_members.TryGetValue(name, out var member))
        {
            yield break;
        }

        string[]? header = null;
        foreach (var line in Text(member.Data).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (header is null)
            {
                header = [.. cells.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant())];
                continue;
            }

            yield return new TsvRow(header, cells);
        }
    }

    private void Warn(string code, params (string Name, ArgumentType Type, string Value)[] arguments) =>
        _warnings.Add(new AnalysisWarning(code, [.. arguments.Select(a => FindingArgument.Of(a.Name, a.Type, a.Value))]));

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\s*=")]
    private static partial Regex CronVariable();

    [GeneratedRegex(@"^(Exec[A-Za-z]*|ExecStart[A-Za-z]*)\s*=")]
    private static partial Regex ExecLine();

    [GeneratedRegex(@"sshd\[\d+\]: (?:(?<ok>Accepted) \S+|Failed \S+) for (?:invalid user )?(?<user>\S+) from (?<src>\S+) port")]
    private static partial Regex SshLine();

    [GeneratedRegex("^[0-9A-Fa-f]+$")]
    private static partial Regex HexDigits();

    private readonly struct TsvRow(string[] header, string[] cells)
    {
        public string Get(string column) => GetOrNull(column) ?? string.Empty;

        public string? GetOrNull(string column)
        {
            var i = Array.IndexOf(header, column);
            return i >= 0 && i < cells.Length ? cells[i].Trim() : null;
        }
    }
}
