using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using CaseManager.Domain.Cases;
using CaseManager.Infrastructure.Reports;

namespace CaseManager.Benchmarks;

/// <summary>
/// Client report rendering (issue 14): a Chinese report of about 20 pages with three charts drawn by ScottPlot and
/// 500 confirmed indicators, rendered to PDF and HTML. The content is synthetic (no database): the charts are drawn
/// inside the measured call, as the generator does. Run:
/// <c>dotnet run -c Release --project bench/CaseManager.Benchmarks -- --filter '*ReportBenchmarks*'</c>, or the timed
/// loop with memory figures: <c>dotnet run -c Release --project bench/CaseManager.Benchmarks -- report-run 30</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ReportBenchmarks
{
    [Benchmark]
    public int Chinese20Pages3Charts500Iocs() => ReportGenerator.Render(SyntheticReport.Build(chinese: true)).PageCount;
}

internal static class SyntheticReport
{
    public static ReportDocument Build(bool chinese)
    {
        var culture = CultureInfo.GetCultureInfo(chinese ? "zh-CN" : "en");
        var t = new ReportText(culture);
        var random = new Random(14);
        var start = new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);
        var paragraph = chinese
            ? "攻击者利用弱口令登录了 web01 服务器，并部署了伪装成内核线程的 XMRig 挖矿程序（进程 11275），通过 cron 与 systemd 实现持久化，连接矿池 pool.supportxmr.com:443。我们在隔离主机后清除了恶意文件，并通过再次采集验证了处置效果。"
            : "The attacker logged in to web01 with a guessed password and deployed an XMRig miner disguised as a kernel thread (pid 11275), persisted through cron and systemd, and connected to pool.supportxmr.com:443.";
        var narrative = ReportMarkdown.Convert(string.Join("\n\n", Enumerable.Range(0, 8).Select(i => (i % 3 == 0 ? "## 第 " + i + " 节\n\n" : string.Empty) + paragraph + " **" + i + "**")));

        var lanes = new[] { "Intake", "Case", "Evidence", "Analysis", "Manual" }.Select(l => t["TimelineLane." + l]).ToList();
        var events = Enumerable.Range(0, 200).Select(i => (start.AddMinutes(i * 37), i % lanes.Count)).ToList();
        var timeline = new ChartBlock(ReportCharts.Timeline(events, lanes, chinese), ReportCharts.Width, 90 + (lanes.Count * 55), t["Chart.Timeline"]);
        var mix = new[] { "tcp", "udp", "dns", "tls", "http", "stratum", "irc", "icmp", "arp", "other" }.Select((p, i) => (p, 1000.0 / (i + 1))).ToList();
        var mixChart = new ChartBlock(ReportCharts.HorizontalBars(mix, t["Chart.Packets"], chinese), ReportCharts.Width, 410, t["Chart.ProtocolMix"]);
        var buckets = Enumerable.Range(0, 60).Select(i => ((double)i, (double)random.Next(0, 40))).ToList();
        var overTime = new ChartBlock(ReportCharts.TimeBars(buckets, 1, t.Format("Chart.Since", t["Unit.Minutes"], "2026-11-28 03:00:00.000 UTC"), t["Chart.Conversations"], chinese),
            ReportCharts.Width, 420, t["Chart.ConnectionsOverTime"]);

        var iocs = Enumerable.Range(0, 500).Select(i => (IReadOnlyList<string>)
        [
            t["IndicatorType." + (i % 3 == 0 ? "Ip" : i % 3 == 1 ? "Domain" : "Hash")],
            i % 3 == 0 ? $"203.0.{i / 250}.{i % 250}" : i % 3 == 1 ? $"c2-{i}.pool-{i % 17}.example" : Convert.ToHexStringLower(BitConverter.GetBytes((long)i * 7919)) + new string('a', 48),
            "TLP:AMBER",
            "web01-triage.tar.gz",
        ]).ToList();
        var timelineRows = Enumerable.Range(0, 80).Select(i => (IReadOnlyList<string>)
            [ReportText.Time(start.AddMinutes(i * 37)), t["TimelineItemKind.ProcessStarted"], $"pid {11000 + i} /tmp/.x/bot — {paragraph[..30]}", "web01"]).ToList();
        var findings = Enumerable.Range(0, 30).Select(i => (IReadOnlyList<string>)
            [t["FindingSeverity.High"], $"{paragraph[..24]} {i}\n{paragraph}", $"Frames {i}–{i + 40}"]).ToList();

        var sections = new List<ReportSection>
        {
            new("summary", t["Section.Summary"], [narrative]),
            new("what-happened", t["Section.WhatHappened"],
            [
                new HeadingBlock(2, t["Heading.Timeline"]), timeline,
                new TableBlock([t["Column.Time"], t["Column.Event"], t["Column.Details"], t["Column.Host"]], [1.75, 1.5, 3, 1], timelineRows),
            ]),
            new("analysis", t["Section.Analysis"],
            [
                new HeadingBlock(2, "nesfit_xmr.suprnova.cc.pcapng"),
                new TableBlock([t["Column.Severity"], t["Column.Finding"], t["Column.Reference"]], [0.8, 4, 1.8], findings, Titled: [1]),
                mixChart, overTime,
            ]),
            new("indicators", t["Section.Indicators"], [new TableBlock([t["Column.Type"], t["Column.Indicator"], t["Column.Tlp"], t["Column.SeenIn"]], [0.9, 3.4, 0.9, 1.8], iocs.Take(15).ToList(), Mono: [1])]),
            new("recommendations", t["Section.Recommendations"], [narrative]),
            new("appendix-indicators", t["Appendix.Indicators"], [new TableBlock([t["Column.Type"], t["Column.Indicator"], t["Column.Tlp"], t["Column.SeenIn"]], [0.9, 3.4, 0.9, 1.8], iocs, Mono: [1])], NewPage: true),
        };
        var cover = new ReportCover(t["Report.Title"], "IR-2026-0042", chinese ? "web01 挖矿事件" : "Miner on web01", chinese ? "示例客户有限公司" : "Example Ltd",
            [new(t["Cover.Version"], "1"), new(t["Cover.Author"], "Alice")], t["TlpMeaning.Amber"]);
        return new ReportDocument(culture, TrafficLightProtocol.Amber, cover, sections,
            new ReportChrome($"IR-2026-0042 · {t["Report.Title"]}", t.Format("Footer.Version", 1, "2026-12-02 08:00 UTC"), t["Footer.PageOf"], culture.Name));
    }
}

/// <summary><c>report-run N</c>: renders the synthetic report N times and prints time, allocations and RSS per run.</summary>
internal static class ReportRunCommand
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var times = new List<double>();
        for (var i = 1; i <= runs; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = ReportGenerator.Render(SyntheticReport.Build(chinese: true));
            watch.Stop();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            times.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i,3}: {watch.Elapsed.TotalMilliseconds,7:0.0} ms  cpu {cpuMs,7:0} ms  pages {report.PageCount}  pdf {report.Pdf.Length / 1024} KiB  html {report.Html.Length / 1024} KiB  allocated {allocated / (1 << 20),5} MiB  heap {GC.GetTotalMemory(false) / (1 << 20),4} MiB  rss {process.WorkingSet64 / (1 << 20),4} MiB"));
            if (i == 1 && args.Length > 2)
            {
                File.WriteAllBytes(args[2], report.Pdf);
            }
        }

        var steady = times.Skip(1).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first {times[0]:0} ms; after it: median {steady[steady.Count / 2]:0} ms, max {steady[^1]:0} ms over {steady.Count} runs"));
        return 0;
    }
}
