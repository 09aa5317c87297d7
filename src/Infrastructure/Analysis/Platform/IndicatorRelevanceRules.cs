using System.Net;
using System.Net.Sockets;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Platform;

/// <summary>
/// Knows the ordinary, so the case shows what matters first: standard system and loader paths and PATH entries,
/// private addresses and package-manager or OS-vendor hosts are context; dynamic-DNS names, mining pools, wallets,
/// onion addresses and download-and-run commands look malicious; everything else is suspicious until a consultant says.
/// </summary>
public sealed class IndicatorRelevanceRules : IIndicatorRelevance
{
    private static readonly DomainSuffixList OrdinaryHosts = new("ordinary-hosts.txt");
    private static readonly DomainSuffixList MiningPools = new("mining-pools.txt");

    /// <summary>Directories whose files ship with the system or a language runtime (and the usual PATH entries).</summary>
    private static readonly string[] SystemPrefixes =
    [
        "/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/", "/usr/lib/", "/usr/lib32/", "/usr/lib64/", "/usr/libexec/", "/lib/", "/lib32/", "/lib64/",
        "/usr/share/", "/usr/include/", "/usr/local/lib/", "/usr/local/share/", "/proc/", "/sys/", "/run/systemd/", "/var/lib/dpkg/", "/var/lib/rpm/",
        "/var/cache/", "/snap/", "/opt/conda/", "/usr/local/bin/", "/usr/local/sbin/", "/usr/games/", "/usr/local/games/", "/etc/ssl/",
        "/etc/ca-certificates/", "/etc/pki/", "/usr/lib/locale/", "/etc/alternatives/",
    ];

    /// <summary>Exact paths that are PATH entries or loader files (the directory itself, without a trailing slash).</summary>
    private static readonly HashSet<string> SystemPaths = new(StringComparer.Ordinal)
    {
        "/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin", "/usr/local/sbin", "/usr/games", "/usr/local/games", "/snap/bin", "/usr/lib",
        "/lib", "/lib64", "/usr/lib64", "/tmp", "/var/tmp", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random", "/dev/tty", "/dev/pts", "/dev/ptmx",
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime", "/etc/nsswitch.conf", "/etc/hosts", "/etc/host.conf", "/etc/resolv.conf",
        "/etc/passwd", "/etc/group", "/etc/gai.conf", "/etc/services", "/etc/protocols", "/etc/mime.types", "/etc/ssl/certs", "/etc/ssl/openssl.cnf",
        "/etc/os-release", "/etc/lsb-release", "/etc/timezone", "/etc/locale.alias", "/etc/inputrc", "/etc/terminfo", "/etc/nologin",
    };

    /// <summary>Per-user tool directories that appear in PATH and environment blocks of every shell.</summary>
    private static readonly string[] UserToolSegments =
        ["/.pyenv/", "/.rbenv/", "/.nvm/", "/.cargo/bin", "/.local/bin", "/.local/lib/python", "/.dotnet/", "/.sdkman/", "/go/bin", "/.npm/", "/.cache/pip"];

    /// <summary>Places that starts code or where droppers hide: never folded away.</summary>
    private static readonly string[] SuspiciousPrefixes =
        ["/tmp/", "/var/tmp/", "/dev/shm/", "/etc/cron", "/var/spool/cron", "/etc/init.d/", "/etc/rc", "/etc/systemd/system/", "/etc/ld.so.preload", "/etc/profile.d/"];

    public IndicatorRelevance Classify(IndicatorType type, string value) => type switch
    {
        IndicatorType.Wallet or IndicatorType.Onion or IndicatorType.Command => IndicatorRelevance.Malicious,
        IndicatorType.Ip => Ip(value),
        IndicatorType.Domain => Host(value),
        IndicatorType.Url => Url(value),
        IndicatorType.FilePath => Path(value),
        IndicatorType.Ja3 => IndicatorRelevance.Context,
        _ => IndicatorRelevance.Suspicious,
    };

    private static IndicatorRelevance Ip(string value)
    {
        var text = value.StartsWith('[') ? value.Trim('[', ']') : value;
        if (!IPAddress.TryParse(text, out var ip))
        {
            return IndicatorRelevance.Suspicious;
        }

        return IsOrdinaryAddress(ip) ? IndicatorRelevance.Context : IndicatorRelevance.Suspicious;
    }

    public static bool IsOrdinaryAddress(IPAddress ip)
    {
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.Broadcast) || ip.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return ip.IsIPv6LinkLocal || ip.IsIPv6Multicast || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal;
        }

        var b = ip.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
               || b[0] >= 224 || b[0] == 0 || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    private static IndicatorRelevance Host(string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        if (DynamicDnsZones.Match(host) is not null || MiningPools.Match(host) is not null)
        {
            return IndicatorRelevance.Malicious;
        }

        if (IPAddress.TryParse(host, out var ip))
        {
            return IsOrdinaryAddress(ip) ? IndicatorRelevance.Context : IndicatorRelevance.Suspicious;
        }

        return OrdinaryHosts.Match(host) is not null || host is "localhost" || host.EndsWith(".local", StringComparison.Ordinal)
            ? IndicatorRelevance.Context
            : IndicatorRelevance.Suspicious;
    }

    private static IndicatorRelevance Url(string value)
    {
        if (value.StartsWith("stratum", StringComparison.OrdinalIgnoreCase))
        {
            return IndicatorRelevance.Malicious;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? Host(uri.Host)
            : IndicatorRelevance.Suspicious;
    }

    private static IndicatorRelevance Path(string value)
    {
        if (value.Length > 2 && value[1] == ':')
        {
            return WindowsPath(value);
        }

        var path = value.TrimEnd('/');
        if (path.Length == 0)
        {
            return IndicatorRelevance.Context;
        }

        foreach (var prefix in SuspiciousPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return IndicatorRelevance.Suspicious;
            }
        }

        var withSlash = path + "/";
        var userTool = UserToolSegments.Any(s => withSlash.Contains(s, StringComparison.Ordinal));
        if (path.Contains("/.", StringComparison.Ordinal) && !userTool)
        {
            return IndicatorRelevance.Suspicious; // a hidden directory or file
        }

        if (SystemPaths.Contains(path) || SystemPrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal)) || userTool)
        {
            return IndicatorRelevance.Context;
        }

        // Everything else, /etc/security/ntps.conf included: a consultant should look.
        return IndicatorRelevance.Suspicious;
    }

    private static IndicatorRelevance WindowsPath(string value)
    {
        var path = value.Replace('/', '\\');
        string[] ordinary = [@"\Windows\System32\", @"\Windows\SysWOW64\", @"\Windows\WinSxS\", @"\Windows\Microsoft.NET\", @"\Program Files\", @"\Program Files (x86)\"];
        string[] suspicious = [@"\AppData\", @"\Temp\", @"\ProgramData\", @"\Users\Public\", @"\Start Menu\Programs\Startup\"];
        if (suspicious.Any(s => path.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            return IndicatorRelevance.Suspicious;
        }

        return ordinary.Any(s => path.Contains(s, StringComparison.OrdinalIgnoreCase)) ? IndicatorRelevance.Context : IndicatorRelevance.Suspicious;
    }
}
