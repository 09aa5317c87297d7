using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Evidence;

/// <summary>
/// Stores full analysis results as gzipped JSON beside the evidence (<c>results/&lt;evidence&gt;/&lt;run&gt;.traffic.json.gz</c>),
/// written to a temporary name and renamed, so a reader never sees half a file. The few most recently read
/// results stay in memory, since a consultant pages through one capture's tables.
/// </summary>
internal sealed class FileAnalysisResultStore(IOptions<EvidenceStorageOptions> options) : IAnalysisResultStore
{
    private const int Cached = 4;
    private readonly ConcurrentDictionary<string, (DateTime Used, TrafficAnalysisResult Result)> _cache = new();

    public Task SaveTrafficAsync(EvidenceId evidenceId, int run, TrafficAnalysisResult result, CancellationToken cancellationToken) =>
        // The generated serializer writes synchronously: run it off the request thread, into a buffered stream.
        WriteGzippedAsync(PathOf(evidenceId, run, "traffic"), json => Task.Run(() => TrafficAnalysisJson.Serialize(json, result), cancellationToken));

    public async Task<TrafficAnalysisResult?> LoadTrafficAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken)
    {
        var path = PathOf(evidenceId, run, "traffic");
        if (_cache.TryGetValue(path, out var hit))
        {
            _cache[path] = (DateTime.UtcNow, hit.Result);
            return hit.Result;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        var result = await Task.Run(
            () =>
            {
                using var json = OpenGzipped(path);
                return TrafficAnalysisJson.Deserialize(json);
            },
            cancellationToken);
        if (result is not null)
        {
            _cache[path] = (DateTime.UtcNow, result);
            foreach (var stale in _cache.OrderByDescending(kv => kv.Value.Used).Skip(Cached).Select(kv => kv.Key).ToList())
            {
                _cache.TryRemove(stale, out _);
            }
        }

        return result;
    }

    public Task SaveMemoryAsync(EvidenceId evidenceId, int run, MemoryAnalysisResult result, CancellationToken cancellationToken) =>
        WriteGzippedAsync(PathOf(evidenceId, run, "memory"), json => JsonSerializer.SerializeAsync(json, result, MemoryJson, cancellationToken));

    public async Task<MemoryAnalysisResult?> LoadMemoryAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken)
    {
        var path = PathOf(evidenceId, run, "memory");
        if (!File.Exists(path))
        {
            return null;
        }

        await using var json = OpenGzipped(path);
        return await JsonSerializer.DeserializeAsync<MemoryAnalysisResult>(json, MemoryJson, cancellationToken);
    }

    private static readonly JsonSerializerOptions MemoryJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Writes gzipped content under a temporary name, then renames it into place (readers never see half a file).</summary>
    private static async Task WriteGzippedAsync(string path, Func<Stream, Task> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var buffered = new BufferedStream(gzip, 1 << 16))
        {
            await write(buffered);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static Stream OpenGzipped(string path) => new GZipStream(File.OpenRead(path), CompressionMode.Decompress);

    private string PathOf(EvidenceId evidenceId, int run, string kind) =>
        Path.Combine(options.Value.RootDirectory, "results", evidenceId.Value.ToString("N"), $"{run}.{kind}.json.gz");
}
