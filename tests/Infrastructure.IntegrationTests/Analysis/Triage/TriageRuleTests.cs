using System.Globalization;
using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Triage;
using C = CaseManager.Infrastructure.Analysis.Triage.TriageFindingCatalogue;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

/// <summary>Each triage rule on prepared bundles: what it reports, the remediation it names, and silence on a clean host.</summary>
public sealed class TriageRuleTests
{
    private static readonly Lazy<Task<AnalysisOutcome>> Linux = new(async () => (await TriageTestRun.AnalyseAsync(TriageScenarios.LinuxCompromised())).Outcome);
    private static readonly Lazy<Task<AnalysisOutcome>> Windows = new(async () => (await TriageTestRun.AnalyseAsync(TriageScenarios.WindowsCompromised(), "WS-07.zip")).Outcome);

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var definition in C.Instance.Findings)
        {
            data.Add(definition.Code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task EveryCode_FiresOnAPreparedBundle(string code)
    {
        var findings = (await Linux.Value).Findings.Concat((await Windows.Value).Findings);
        findings.ShouldContain(f => f.Code == code, $"{code} did not fire on the compromised Linux or Windows bundle");
    }

    [Fact]
    public async Task CleanHost_HasNoFindingsIndicatorsOrWarnings()
    {
        var (outcome, sink) = await TriageTestRun.AnalyseAsync(TriageScenarios.LinuxClean());
        outcome.Findings.Select(f => f.Code).ShouldBeEmpty();
        outcome.Warnings.Select(w => w.Code).ShouldBeEmpty();
        outcome.Indicators.ShouldBeEmpty();
        outcome.Result().Processes.Count.ShouldBe(6);
        sink.Rows("connections").Count().ShouldBe(2);
        sink.Rows("accounts").Count().ShouldBe(2);
    }

    [Fact]
    public async Task KernelModules_ARootkitByNameAndAnUnsignedOutOfTreeModule_VendorModulesSilent()
    {
        var outcome = await Linux.Value;
        var rootkit = outcome.Coded(C.RootkitModule).Single();
        rootkit.Value("name").ShouldBe("diamorphine");
        rootkit.Value("taint").ShouldBe("OE");
        rootkit.Value("command").ShouldStartWith("rmmod diamorphine; find /lib/modules");
        rootkit.Attack.ShouldBe("T1014");
        rootkit.Reference!.Table.ShouldBe("modules");
        var unsigned = outcome.Coded(C.UnsignedModule).Single();
        unsigned.Value("name").ShouldBe("netfilter_hook", "diamorphine is reported once, as a rootkit");
        unsigned.Value("command").ShouldBe("modinfo netfilter_hook; rmmod netfilter_hook");

        var (clean, sink) = await TriageTestRun.AnalyseAsync(TriageScenarios.LinuxClean());
        clean.Findings.ShouldBeEmpty("vboxdrv and nvidia are unsigned and out-of-tree but ordinary");
        sink.Rows("modules").ShouldContain(r => (string)r["name"]! == "nvidia" && (string)r["taint"]! == "POE");
    }

    [Fact]
    public async Task FakeKernelThread_ReportsPidParentChildrenAndKillsTheTree()
    {
        var outcome = await Linux.Value;
        var fake = outcome.Coded(C.FakeKernelThread).Single(f => f.Value("pid") == "11275");
        fake.Value("name").ShouldBe("[ksoftirqd/7]");
        fake.Value("ppid").ShouldBe("1");
        fake.Argument("children")!.Values.ShouldBe(["11276", "11277"]);
        fake.Value("exe").ShouldBe("/etc/security/ntps.conf");
        fake.Value("command").ShouldBe("kill -9 11275 11276 11277");
        fake.Attack.ShouldBe("T1036.004");
        outcome.Coded(C.FakeKernelThread).ShouldNotContain(f => f.Value("pid") == "11276" || f.Value("pid") == "11277");

        // a kernel-thread name without brackets but with an executable and a parent other than kthreadd
        outcome.Coded(C.FakeKernelThread).ShouldContain(f => f.Value("pid") == "500" && f.Value("name") == "kworker/0:1");

        var english = FindingText.Explanation(fake, C.Instance, CultureInfo.InvariantCulture);
        english.ShouldContain("kill -9 11275 11276 11277");
        FindingText.Title(fake, C.Instance, CultureInfo.GetCultureInfo("zh-CN")).ShouldContain("伪装内核线程");
    }

    [Fact]
    public async Task ExecutablePosingAsConfig_NamesThePathAndTheRemovalCommand()
    {
        var outcome = await Linux.Value;
        var config = outcome.Coded(C.ExecutableAsConfig).Single(f => f.Value("path") == "/etc/security/ntps.conf");
        config.Value("magic").ShouldBe("ELF");
        config.Value("sha256").ShouldBe(TriageScenarios.ElfSha);
        config.Value("command").ShouldBe("kill -9 11275 11276 11277 && chattr -i /etc/security/ntps.conf && rm -f /etc/security/ntps.conf");
        outcome.Indicators.ShouldContain(i => i.Type == IndicatorType.FilePath && i.Value == "/etc/security/ntps.conf");
        outcome.Indicators.ShouldContain(i => i.Type == IndicatorType.Hash && i.Value == TriageScenarios.ElfSha);
        var temp = outcome.Coded(C.TempExecutable).Single();
        temp.Value("directory").ShouldBe("/tmp/.x");
        temp.Argument("files")!.Values.ShouldBe(["/tmp/.x/bot"]);
        temp.Value("command").ShouldBe("rm -f /tmp/.x/bot");
    }

    [Fact]
    public async Task Persistence_PointingAtFlaggedFilesOrDownloading_IsReportedWithTheLineToDelete()
    {
        var outcome = await Linux.Value;
        var entries = outcome.Coded(C.SuspiciousPersistence).ToList();
        entries.ShouldContain(f => f.Value("kind") == "cron" && f.Value("location") == "/etc/crontab"
                                   && f.Value("entry") == "*/5 * * * * root /etc/security/ntps.conf >/dev/null 2>&1" && f.Value("target") == "/etc/security/ntps.conf"
                                   && f.Attack == "T1053.003");
        entries.ShouldContain(f => f.Value("location") == "/var/spool/cron/crontabs/root" && f.Value("target") == "download-and-run");
        entries.ShouldContain(f => f.Value("kind") == "systemd" && f.Value("entry") == "ExecStart=/etc/security/ntps.conf -d" && f.Attack == "T1543.002");
        entries.ShouldContain(f => f.Value("kind") == "rc.local" && f.Value("target") == "/dev/shm/.x/run");
        entries.ShouldContain(f => f.Value("kind") == "shell-startup" && f.Value("location") == "/home/u/.bashrc" && f.Attack == "T1546.004");
        entries.ShouldNotContain(f => f.Value("entry")!.Contains("run-parts", StringComparison.Ordinal));
        outcome.Coded(C.LdPreload).Single().Value("entry").ShouldBe("/usr/local/lib/libprocesshider.so");
        outcome.Coded(C.DynamicDns).ShouldContain(f => f.Value("name") == "sjb555.3322.org" && f.Value("zone") == "3322.org");
    }

    [Fact]
    public async Task ProcessesAndNetwork_AreJoinedToTheirPidAndParents()
    {
        var outcome = await Linux.Value;
        outcome.Coded(C.DeletedExecutable).Single().Value("pid").ShouldBe("600");
        outcome.Coded(C.SuspiciousLocation).ShouldContain(f => f.Value("pid") == "800" && f.Value("exe") == "/tmp/.x/bot");
        var mining = outcome.Coded(C.MiningPool).Single();
        mining.Value("pid").ShouldBe("700");
        mining.Value("pool").ShouldBe("pool.supportxmr.com");
        mining.Value("remote").ShouldBe("1.2.3.4:3333");
        mining.Value("parents").ShouldBe("700 xmrig ← 1 systemd");
        outcome.Coded(C.HighCpu).Single().Value("pid").ShouldBe("700");
        var irc = outcome.Coded(C.Irc).Single(f => f.Value("pid") == "800");
        irc.Value("remote").ShouldBe("198.51.100.7:6667");
        irc.Value("command").ShouldBe("kill -9 800");
        outcome.Indicators.ShouldContain(i => i.Type == IndicatorType.Ip && i.Value == "198.51.100.7");
        outcome.Indicators.ShouldContain(i => i.Type == IndicatorType.Domain && i.Value == "pool.supportxmr.com");
        outcome.Indicators.ShouldContain(i => i.Type == IndicatorType.Process && i.Value == "[ksoftirqd/7]");
    }

    [Fact]
    public async Task AccountsAndLogins()
    {
        var outcome = await Linux.Value;
        outcome.Coded(C.UidZero).Single().Value("account").ShouldBe("toor");
        outcome.Coded(C.NewSshKey).Single().Value("path").ShouldBe("/root/.ssh/authorized_keys");
        var brute = outcome.Coded(C.BruteForceSuccess).Single();
        brute.Value("source").ShouldBe("203.0.113.9");
        brute.Value("failures").ShouldBe("12");
        brute.Value("user").ShouldBe("root");
        brute.Value("command").ShouldBe("iptables -I INPUT -s 203.0.113.9 -j DROP && passwd -l root");
        outcome.Coded(C.BruteForce).Single().Value("source").ShouldBe("198.51.100.20");
        outcome.Result().AuthFailures.Count.ShouldBe(37);
    }

    [Fact]
    public async Task WindowsBundle_IsReadFromAZip()
    {
        var (outcome, sink) = await TriageTestRun.AnalyseAsync(TriageScenarios.WindowsCompromised(), "WS-07.zip");
        outcome.Warnings.ShouldBeEmpty();
        var result = outcome.Result();
        result.Os.ShouldBe("windows");
        result.Host.ShouldBe("WS-07");
        result.Processes.Count.ShouldBe(3);
        result.Connections.ShouldContain(c => c.Pid == 3100 && c.Remote.Ip == "203.0.113.50" && c.Remote.Port == 6667 && c.State == "ESTABLISHED");
        result.Persistence.Count.ShouldBe(3);
        result.Accounts.ShouldContain(a => a.Name == "Administrator" && a.Note == "administrators");
        outcome.Coded(C.EncodedPowerShell).ShouldContain(f => f.Value("decoded") == TriageScenarios.EncodedDownload && f.Value("location")!.StartsWith("pid 3000", StringComparison.Ordinal));
        outcome.Coded(C.EncodedPowerShell).ShouldContain(f => f.Value("location")!.StartsWith("wmi", StringComparison.Ordinal));
        var unsigned = outcome.Coded(C.UnsignedStartup).Single();
        unsigned.Value("signature").ShouldBe("NotSigned");
        unsigned.Value("location").ShouldBe(@"HKLM\Software\Microsoft\Windows\CurrentVersion\Run\updater");
        outcome.Coded(C.SuspiciousPersistence).ShouldContain(f => f.Value("kind") == "run-key" && f.Attack == "T1547.001");
        outcome.Coded(C.SuspiciousPersistence).ShouldContain(f => f.Value("kind") == "wmi" && f.Attack == "T1546.003");
        outcome.Coded(C.SuspiciousLocation).Single().Value("command").ShouldBe("taskkill /F /PID 3100");
        outcome.Coded(C.Irc).Single().Value("pid").ShouldBe("3100");
        outcome.Coded(C.BruteForceSuccess).Single().Value("source").ShouldBe("203.0.113.77");
        outcome.Coded(C.FakeKernelThread).ShouldBeEmpty();
        sink.Rows("processes").Count().ShouldBe(3);
    }

    [Fact]
    public async Task Tables_FollowTheSchemas_AndJsonHasTheDocumentedShape()
    {
        var (outcome, sink) = await TriageTestRun.AnalyseAsync(TriageScenarios.LinuxCompromised());
        sink.Tables.Keys.ShouldBe(["processes", "connections", "persistence", "modules", "accounts", "auth_failures", "files"]);
        var fake = sink.Rows("processes").Single(r => (int)r["pid"]! == 11275);
        fake["flags"].ShouldBe("fake-kernel-thread");
        fake["start_time"].ShouldBe((TriageScenarios.Collected.ToUnixTimeSeconds() - 86400) * 1_000_000_000);
        sink.Rows("connections").ShouldContain(r => (int?)r["pid"] == 800 && (string)r["process"]! == "bot" && (string)r["remote"]! == "198.51.100.7:6667");
        sink.Rows("modules").ShouldContain(r => (string)r["name"]! == "diamorphine");
        sink.SummaryJson.ShouldNotBeNull().ShouldContain("\"processes\":9");

        var analyser = new TriageAnalyser();
        using var json = new MemoryStream();
        await analyser.WriteJsonAsync(outcome, json, CancellationToken.None);
        using var doc = JsonDocument.Parse(json.ToArray());
        var triage = doc.RootElement.GetProperty("triage");
        triage.GetProperty("host").GetString().ShouldBe("web01");
        triage.GetProperty("collectedAt").GetString().ShouldBe("2026-11-30T12:00:00Z");
        var process = triage.GetProperty("processes").EnumerateArray().First(p => p.GetProperty("pid").GetInt32() == 11275);
        process.GetProperty("ppid").GetInt32().ShouldBe(1);
        process.GetProperty("exe").GetString().ShouldBe("/etc/security/ntps.conf");
        process.TryGetProperty("startTime", out _).ShouldBeTrue();
        var connection = triage.GetProperty("connections").EnumerateArray().First(c => c.GetProperty("pid").ValueKind == JsonValueKind.Number && c.GetProperty("pid").GetInt32() == 800);
        connection.GetProperty("remote").GetProperty("ip").GetString().ShouldBe("198.51.100.7");
        connection.GetProperty("remote").GetProperty("port").GetInt32().ShouldBe(6667);
        triage.GetProperty("persistence").EnumerateArray().ShouldContain(p => p.GetProperty("kind").GetString() == "ld.so.preload");
        triage.GetProperty("authFailures").GetArrayLength().ShouldBe(37);
        doc.RootElement.GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("code").GetString() == C.FakeKernelThread);
        doc.RootElement.GetProperty("indicators").GetArrayLength().ShouldBeGreaterThan(0);

        var text = new StringWriter();
        await analyser.WriteTextAsync(outcome, text, CancellationToken.None);
        text.ToString().ShouldContain("Fake kernel thread [ksoftirqd/7] (pid 11275)");
    }
}
