using System.Diagnostics;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Triage;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

/// <summary>Runs the analyser on a bundle and the real collector script; a sink that keeps the rows for assertions.</summary>
internal static class TriageTestRun
{
    public static async Task<(AnalysisOutcome Outcome, RecordingSink Sink)> AnalyseAsync(byte[] bundle, string name = "bundle.tar.gz")
    {
        var sink = new RecordingSink();
        using var stream = new MemoryStream(bundle, writable: false);
        var outcome = await new TriageAnalyser().AnalyseAsync(new AnalysisInput(stream, name, EvidenceKind.TriageBundle), sink, CancellationToken.None);
        return (outcome, sink);
    }

    public static TriageResult Result(this AnalysisOutcome outcome) => (TriageResult)outcome.Result;

    public static string? Value(this AnalysisWarning warning, string name) => warning.Arguments.FirstOrDefault(a => a.Name == name)?.Value;

    public static IEnumerable<AnalysisFinding> Coded(this AnalysisOutcome outcome, string code) => outcome.Findings.Where(f => f.Code == code);

    public static string CollectorPath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "collectors", "linux", "casemgr-collect.sh");
        }
    }

    /// <summary>Why the real-collector tests cannot run here, or null.</summary>
    public static string? CollectorSkipReason =>
        !OperatingSystem.IsLinux() ? "the Linux collector needs Linux"
        : Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot() ? "the collector reads /proc of every process: run the tests as root (CI does)"
        : File.Exists("/bin/bash") ? null : "bash is missing";

    private static bool IsRoot() => File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t')[1] == "0";

    /// <summary>Runs the collector with <paramref name="arguments"/>; returns the bundle path it printed.</summary>
    public static async Task<string> CollectAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CollectorPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, "collector failed: " + await stderr);
        var path = (await stdout).Trim();
        File.Exists(path).ShouldBeTrue($"the collector printed '{path}', which is not a file");
        return path;
    }
}

/// <summary>Keeps every row written, by table.</summary>
internal sealed class RecordingSink : IResultSink
{
    public Dictionary<string, (ResultTableSchema Schema, List<object?[]> Rows)> Tables { get; } = [];

    public string? SummaryJson { get; private set; }

    public IResultTableWriter Table(ResultTableSchema schema)
    {
        var rows = new List<object?[]>();
        Tables.Add(schema.Name, (schema, rows));
        return new Writer(rows);
    }

    public void Summary(string json) => SummaryJson = json;

    public IEnumerable<Dictionary<string, object?>> Rows(string table)
    {
        var (schema, rows) = Tables[table];
        return rows.Select(r => schema.Columns.Select((c, i) => (c.Name, r[i])).ToDictionary(x => x.Name, x => x.Item2));
    }

    private sealed class Writer(List<object?[]> rows) : IResultTableWriter
    {
        public void Add(params object?[] values) => rows.Add((object?[])values.Clone());
    }
}
