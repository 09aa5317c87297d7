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

    public async Task SaveTrafficAsync(EvidenceId evidenceId, int run, TrafficAnalysisResult result, CancellationToken cancellationToken)
    {
        var path = PathOf(evidenceId, run);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var buffered = new BufferedStream(gzip, 1 << 16))
        {
            // The generated serializer writes synchronously; the file stream buffers it.
            await Task.Run(() => TrafficAnalysisJson.Serialize(buffered, result), cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public async Task<TrafficAnalysisResult?> LoadTrafficAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken)
    {
        var path = PathOf(evidenceId, run);
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
                using var file = File.OpenRead(path);
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                return TrafficAnalysisJson.Deserialize(gzip);
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

    public async Task SaveMemoryAsync(EvidenceId evidenceId, int run, MemoryAnalysisResult result, CancellationToken cancellationToken)
    {
        var path = PathOf(evidenceId, run, "memory");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await JsonSerializer.SerializeAsync(gzip, result, MemoryJson, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public async Task<MemoryAnalysisResult?> LoadMemoryAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken)
    {
        var path = PathOf(evidenceId, run, "memory");
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync<MemoryAnalysisResult>(gzip, MemoryJson, cancellationToken);
    }

    private static readonly JsonSerializerOptions MemoryJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private string PathOf(EvidenceId evidenceId, int run, string kind = "traffic") =>
        Path.Combine(options.Value.RootDirectory, "results", evidenceId.Value.ToString("N"), $"{run}.{kind}.json.gz");
}
