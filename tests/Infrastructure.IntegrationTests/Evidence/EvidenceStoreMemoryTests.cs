using System.Diagnostics;
using System.Security.Cryptography;
using CaseManager.Infrastructure.Evidence;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

[CollectionDefinition(nameof(EvidenceMemoryCollection), DisableParallelization = true)]
public sealed class EvidenceMemoryCollection;

/// <summary>Runs alone (no parallel tests) because allocation counters and the working set are process-wide.</summary>
[Collection(nameof(EvidenceMemoryCollection))]
public sealed class EvidenceStoreMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const long OneGiB = 1024L * 1024 * 1024;
    private const int ChunkSize = 64 * 1024 * 1024;
    private const long Limit = 100L * 1024 * 1024;

    private readonly EvidenceTestDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task One_GiB_in_64_MiB_chunks_streams_through_in_bounded_memory()
    {
        var store = new FileSystemEvidenceStore(Options.Create(new EvidenceStorageOptions { RootDirectory = _root.Path }));
        var ct = CancellationToken.None;

        // Expected hash from a separate pass over the same generator.
        string expected;
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var source = new PseudoRandomStream(OneGiB, seed: 42);
            var buffer = new byte[1024 * 1024];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                sha.AppendData(buffer.AsSpan(0, read));
            }

            expected = Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        using var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        process.Refresh();
        var peakBefore = process.PeakWorkingSet64;
        var clock = Stopwatch.StartNew();

        var id = await store.BeginUploadAsync(OneGiB, ct);
        var data = new PseudoRandomStream(OneGiB, seed: 42);
        var offset = 0L;
        while (offset < OneGiB)
        {
            offset = await store.AppendAsync(id, offset, new SliceStream(data, ChunkSize), ct);
        }

        var stored = await store.CompleteAsync(id, ct);
        var elapsed = clock.Elapsed;

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        process.Refresh();
        var peakGrowth = process.PeakWorkingSet64 - peakBefore;
        output.WriteLine(
            $"1 GiB in {elapsed.TotalSeconds:F1} s; allocated {allocated / 1024.0:F0} KiB, heap growth {heapGrowth / 1024.0:F0} KiB, " +
            $"peak working set growth {peakGrowth / 1024.0 / 1024.0:F1} MiB (peak {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB)");

        stored.Size.ShouldBe(OneGiB);
        stored.Sha256.ShouldBe(expected);
        allocated.ShouldBeLessThan(Limit);
        heapGrowth.ShouldBeLessThan(Limit);
        peakGrowth.ShouldBeLessThan(Limit);
    }
}
