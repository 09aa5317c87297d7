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

    public static IEnumerable<string> Names() =>
        System.IO.Directory.EnumerateFiles(Directory)
            .Where(f => File.Exists(f + ".truth.json"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    public static string PathOf(string name) => Path.Combine(Directory, name);

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

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("CaseManager.sln not found above " + AppContext.BaseDirectory);
        }

        return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "testdata", "pcaps"));
    }
}
