using System.Resources;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Triage;

/// <summary>The triage analyser's finding and warning codes; texts in TriageText.resx / TriageText.zh-CN.resx.</summary>
public sealed class TriageFindingCatalogue : IFindingCatalogue
{
    public const string FakeKernelThread = "triage.process.fake-kernel-thread";
    public const string DeletedExecutable = "triage.process.deleted-executable";
    public const string SuspiciousLocation = "triage.process.suspicious-location";
    public const string HighCpu = "triage.process.high-cpu";
    public const string EncodedPowerShell = "triage.process.encoded-powershell";
    public const string ExecutableAsConfig = "triage.file.executable-as-config";
    public const string TempExecutable = "triage.file.temp-executable";
    public const string SuspiciousPersistence = "triage.persistence.suspicious-entry";
    public const string LdPreload = "triage.persistence.ld-preload";
    public const string UnsignedStartup = "triage.persistence.unsigned-startup";
    public const string MiningPool = "triage.network.mining-pool";
    public const string DynamicDns = "triage.network.dynamic-dns";
    public const string Irc = "triage.network.irc";
    public const string UidZero = "triage.account.uid-zero";
    public const string NewSshKey = "triage.account.new-ssh-key";
    public const string BruteForceSuccess = "triage.auth.brute-force-success";
    public const string BruteForce = "triage.auth.brute-force";
    public const string RootkitModule = "triage.module.rootkit";
    public const string UnsignedModule = "triage.module.unsigned";

    public static readonly TriageFindingCatalogue Instance = new();

    public IReadOnlyList<FindingDefinition> Findings { get; } =
    [
        new(FakeKernelThread, FindingSeverity.Critical, "T1036.004", ["pid", "name", "ppid", "children", "exe", "command"],
            "A process is named like a kernel thread (in brackets, or a known kernel-thread name) but has an executable, a command line, mapped files or a parent other than kthreadd (pid 2); one finding per disguised process tree."),
        new(DeletedExecutable, FindingSeverity.High, "T1070.004", ["pid", "name", "exe", "command"],
            "A process runs an executable that was deleted after it started (/proc/PID/exe ends in \"(deleted)\")."),
        new(SuspiciousLocation, FindingSeverity.High, "T1036.005", ["pid", "name", "exe", "command"],
            "A process runs an executable under /tmp, /var/tmp, /dev/shm or a hidden directory (a path segment starting with a dot), or a Windows temp, Public or ProgramData directory."),
        new(HighCpu, FindingSeverity.Medium, "T1496", ["pid", "name", "cpu", "share", "command"],
            "A process used at least 300 CPU seconds and at least half of one core on average since it started."),
        new(EncodedPowerShell, FindingSeverity.High, "T1059.001", ["location", "decoded"],
            "A process command line or a start-up item runs PowerShell with -EncodedCommand (or an abbreviation); the argument is decoded."),
        new(ExecutableAsConfig, FindingSeverity.Critical, "T1036.008", ["path", "magic", "sha256", "command"],
            "A file with ELF or PE magic is named like configuration or data (.conf, .cfg, .ini, .log, .txt, .pid …) or lies under /etc, or a process runs such a file."),
        new(TempExecutable, FindingSeverity.Medium, "T1105", ["directory", "files", "command"],
            "ELF or PE files lie under /tmp, /var/tmp or /dev/shm; one finding per directory."),
        new(SuspiciousPersistence, FindingSeverity.High, "T1053.003", ["kind", "location", "entry", "target"],
            "A start-up item (cron, systemd, rc.local, init.d, shell start-up, autostart, Run key, service, task, WMI subscription) downloads and runs code, decodes a payload, or starts a file the analysis flagged or one under a temp or hidden directory."),
        new(LdPreload, FindingSeverity.High, "T1574.006", ["location", "entry", "command"],
            "/etc/ld.so.preload names a library: it is loaded into every dynamically linked process."),
        new(UnsignedStartup, FindingSeverity.Medium, "T1547.001", ["kind", "location", "entry", "signature"],
            "A Windows start-up item (Run/RunOnce key, service, scheduled task, startup folder) starts a binary whose Authenticode signature is not valid."),
        new(MiningPool, FindingSeverity.High, "T1496", ["pid", "process", "pool", "remote", "parents", "command"],
            "A process command line names a stratum URL or a host under a known mining-pool domain (Analysis/Data/mining-pools.txt), or a process is connected to an address the hosts file maps to one."),
        new(DynamicDns, FindingSeverity.High, "T1568", ["name", "zone", "location"],
            "A process command line, start-up item or hosts-file entry names a host under a dynamic-DNS zone (Analysis/Data/ddns-suffixes.txt)."),
        new(Irc, FindingSeverity.High, "T1071", ["pid", "process", "remote", "parents", "command"],
            "A process holds a TCP connection to a remote IRC port (6660–6669, 6697, 7000)."),
        new(UidZero, FindingSeverity.Critical, "T1136.001", ["account", "shell", "command"],
            "An account other than root has uid 0 in /etc/passwd."),
        new(NewSshKey, FindingSeverity.Medium, "T1098.004", ["path", "keys", "time"],
            "An authorized_keys file was modified in the 7 days before the collection."),
        new(BruteForceSuccess, FindingSeverity.Critical, "T1110.001", ["source", "failures", "user", "time", "command"],
            "A source address failed to log in at least 10 times (SSH, or Windows event 4625) and then logged in successfully."),
        new(BruteForce, FindingSeverity.Medium, "T1110.001", ["source", "failures", "users", "command"],
            "A source address failed to log in at least 20 times without a later success."),
        new(RootkitModule, FindingSeverity.Critical, "T1014", ["name", "taint", "command"],
            "A loaded kernel module has the name of a known Linux kernel rootkit (Diamorphine, Reptile, Suterusu, adore-ng, KoviD …)."),
        new(UnsignedModule, FindingSeverity.Medium, "T1547.006", ["name", "taint", "command"],
            "A loaded kernel module is out-of-tree and unsigned (taint O and E in /proc/modules) and is none of the common vendor modules (NVIDIA, VirtualBox, VMware, ZFS …)."),
    ];

    public IReadOnlyList<string> Warnings { get; } =
    [
        "triage.archive.unsafe-path", "triage.archive.link", "triage.archive.special-file", "triage.archive.member-too-large",
        "triage.archive.too-large", "triage.archive.bomb", "triage.archive.damaged", "triage.manifest.missing", "triage.manifest.invalid",
        "triage.manifest.hash-mismatch", "triage.manifest.unlisted", "triage.manifest.not-first",
    ];

    public ResourceManager Text { get; } = new("CaseManager.Infrastructure.Analysis.Triage.TriageText", typeof(TriageFindingCatalogue).Assembly);
}
