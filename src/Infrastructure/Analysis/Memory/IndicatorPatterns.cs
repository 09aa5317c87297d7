using System.Text.RegularExpressions;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>Source-generated patterns for indicators found in strings; candidates are validated in code afterwards.</summary>
internal static partial class IndicatorPatterns
{
    [GeneratedRegex(@"(?:https?|ftp|tftp|wss?|stratum\+(?:tcp|ssl|tls)|stratum2\+tcp)://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Url();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.~/-])/(?:etc|tmp|var|usr|bin|sbin|dev|root|home|opt|lib|lib64|proc|boot|run|srv|mnt|media|sys)(?:/[A-Za-z0-9_.+@%-]+)+/?", RegexOptions.CultureInvariant)]
    public static partial Regex UnixPath();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Za-z]:|%[A-Za-z]+%)\\(?:[^\\/:*?""<>|\r\n\t]+\\)*[^\\/:*?""<>|\r\n\t]*", RegexOptions.CultureInvariant)]
    public static partial Regex WindowsPath();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    [GeneratedRegex(@"(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:])", RegexOptions.CultureInvariant)]
    public static partial Regex Ipv6();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    public static partial Regex BitcoinBase58();

    [GeneratedRegex(@"(?<![A-Za-z0-9])bc1[02-9ac-hj-np-z]{11,71}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    public static partial Regex BitcoinBech32();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:4[0-9AB]|8[0-9A-Za-z])[1-9A-HJ-NP-Za-km-z]{93}(?:[1-9A-HJ-NP-Za-km-z]{11})?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    public static partial Regex Monero();

    [GeneratedRegex(@"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    public static partial Regex Ethereum();

    [GeneratedRegex(@"(?<![a-z2-7])(?:[a-z2-7]{56}|[a-z2-7]{16})\.onion(?![a-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Onion();

    [GeneratedRegex(@"\b(?:curl|wget)\b[^|;]*\|\s*(?:sudo\s+)?(?:ba|da|z|k)?sh\b", RegexOptions.CultureInvariant)]
    public static partial Regex DownloadAndRun();

    [GeneratedRegex(@"\bchmod\s+(?:[ugoa]*\+[rwx]*x[rwx]*|0?[0-7]?[1357][0-7]{2})\s+\S+", RegexOptions.CultureInvariant)]
    public static partial Regex ChmodExecutable();

    [GeneratedRegex(@"/dev/(?:tcp|udp)/[A-Za-z0-9.-]+/[0-9]{1,5}", RegexOptions.CultureInvariant)]
    public static partial Regex DevTcp();

    [GeneratedRegex(@"\bbase64\s+(?:-d|--decode|-D)\b", RegexOptions.CultureInvariant)]
    public static partial Regex Base64Decode();

    [GeneratedRegex(@"^\s*(?:@(?:reboot|hourly|daily|weekly|monthly|yearly|annually)|(?:[0-9*/,-]+\s+){4}[0-9*/,-]+)\s+(?:[A-Za-z_][A-Za-z0-9_-]*\s+)?[/A-Za-z(]", RegexOptions.CultureInvariant)]
    public static partial Regex CrontabLine();

    [GeneratedRegex(@"\b(?:crontab\s+-[lre]?|nohup\s+\S+|systemctl\s+enable\s+\S+|/etc/rc\.local|/etc/init\.d/\S+|\.bashrc|/etc/ld\.so\.preload)", RegexOptions.CultureInvariant)]
    public static partial Regex Persistence();

    /// <summary>
    /// A Linux kernel thread's name as ps shows it (in brackets): the names malware borrows to hide in process lists.
    /// Exact shapes only (<c>[kworker/0:1H]</c>, <c>[ksoftirqd/7]</c>, <c>[migration/3]</c> …), so ordinary text with brackets stays quiet.
    /// </summary>
    [GeneratedRegex(@"\[(?:kworker/(?:u?[0-9]{1,4}:[0-9]{1,4}H?|R-[a-z0-9_]{1,24})(?:-[a-z0-9_]{1,24})?|ksoftirqd/[0-9]{1,4}|kthreadd|migration/[0-9]{1,4}|watchdog/[0-9]{1,4}|watchdogd|kswapd[0-9]{1,3}|kcompactd[0-9]{1,3}|cpuhp/[0-9]{1,4}|idle_inject/[0-9]{1,4}|rcu_(?:sched|bh|preempt|gp|par_gp|tasks_kthread|tasks_rude_kthread|tasks_trace_kthread)|rcu_tasks_kthre|kdevtmpfs|khungtaskd|kauditd|kblockd|ksmd|khugepaged|oom_reaper|writeback|netns|kintegrityd|jbd2/[a-z0-9\-]{1,24}|irq/[0-9]{1,4}-[A-Za-z0-9_.\-]{1,24}|scsi_eh_[0-9]{1,3}|md|edac-poller|kthrotld|ipv6_addrconf)\]", RegexOptions.CultureInvariant)]
    public static partial Regex KernelThreadName();
}
