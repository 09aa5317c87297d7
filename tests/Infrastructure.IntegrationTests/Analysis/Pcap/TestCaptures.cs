using System.Collections.Concurrent;
using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Locates the shared test captures (<c>&lt;repo&gt;/../shared/testdata/pcaps</c>, or CASEMANAGER_TESTDATA)
/// and caches one analysis per file for the truth tests.
/// </summary>
internal static class TestCaptures
{
    private static readonly ConcurrentDictionary<string, Lazy<TrafficAnalysisResult>> Results = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<(AnalysisOutcome Outcome, RecordingSink Sink)>> Outcomes = new(StringComparer.Ordinal);

    public static string Directory { get; } = Locate();

    /// <summary>The repository's own small captures (tunnels built with scapy, <c>Captures/make_captures.py</c>), with tshark truth.</summary>
    public static string RepositoryDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "Infrastructure.IntegrationTests", "Analysis", "Pcap", "Captures");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.EnumerateFiles(Directory)
            .Concat(System.IO.Directory.Exists(RepositoryDirectory) ? System.IO.Directory.EnumerateFiles(RepositoryDirectory) : [])
            .Where(f => File.Exists(f + ".truth.json"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    public static string PathOf(string name)
    {
        var own = Path.Combine(RepositoryDirectory, name);
        return File.Exists(own) ? own : Path.Combine(Directory, name);
    }

    public static JsonElement Truth(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(name) + ".truth.json"));
        return document.RootElement.Clone();
    }

    public static TrafficAnalysisResult Analyze(string name) =>
        Results.GetOrAdd(name, n => new Lazy<TrafficAnalysisResult>(() => AnalyzeFile(PathOf(n)))).Value;

    public static TrafficAnalysisResult AnalyzeFile(string path)
    {
        using var stream = File.OpenRead(path);
        return new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The analyser behind the plug-in point on a shared capture, with every table it wrote (cached).</summary>
    public static (AnalysisOutcome Outcome, RecordingSink Sink) Outcome(string name) =>
        Outcomes.GetOrAdd(name, n => new Lazy<(AnalysisOutcome, RecordingSink)>(() => Run(File.ReadAllBytes(PathOf(n))))).Value;

    /// <summary>Runs <see cref="TrafficAnalyser"/> over capture bytes with a recording sink.</summary>
    public static (AnalysisOutcome Outcome, RecordingSink Sink) Run(byte[] capture)
    {
        var sink = new RecordingSink();
        using var stream = new MemoryStream(capture, writable: false);
        var outcome = new TrafficAnalyser().AnalyseAsync(new AnalysisInput(stream, "capture", EvidenceKind.Pcap), sink, CancellationToken.None)
            .GetAwaiter().GetResult();
        return (outcome, sink);
    }

    /// <summary>Rows of a columnar truth table as dictionaries.</summary>
    public static List<Dictionary<string, JsonElement>> Rows(JsonElement table)
    {
        var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        return table.GetProperty("rows").EnumerateArray()
            .Select(r => columns.Zip(r.EnumerateArray()).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))
            .ToList();
    }

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("CASEMANAGER_TESTDATA");
        if (!string.IsNullOrEmpty(overridden))
        {
            var pcaps = Path.Combine(overridden, "pcaps");
            return System.IO.Directory.Exists(pcaps) ? pcaps : overridden;
        }

        return Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "testdata", "pcaps"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CaseManager.sln not found above " + AppContext.BaseDirectory);
    }
}
