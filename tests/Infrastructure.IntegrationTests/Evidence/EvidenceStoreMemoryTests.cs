using System.Diagnostics;
using System.Security.Cryptography;
using CaseManager.Infrastructure.Evidence;
using CaseManager.Tests.Shared;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

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
        var peakWasReset = ResetPeakWorkingSet();
        process.Refresh();
        var peakBefore = peakWasReset ? process.WorkingSet64 : process.PeakWorkingSet64;
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
            $"peak working set growth {peakGrowth / 1024.0 / 1024.0:F1} MiB (peak {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB, " +
            (peakWasReset ? "peak reset before the upload)" : "peak not resettable: growth over the earlier peak)"));

        stored.Size.ShouldBe(OneGiB);
        stored.Sha256.ShouldBe(expected);
        allocated.ShouldBeLessThan(Limit);
        heapGrowth.ShouldBeLessThan(Limit);
        peakGrowth.ShouldBeLessThan(Limit);
    }

    /// <summary>
    /// What the packager holds is measured as the live heap at full collections taken while the zip is written:
    /// SharpZipLib's AES churns about 0.7 bytes of garbage per byte packaged, so the working set only says how
    /// large the GC let generation 0 grow (a CI run saw it pass 32 MiB while nothing was held).
    /// </summary>
    [Fact]
    public async Task Packaging_streams_instead_of_loading_the_sample()
    {
        const long size = 64L * 1024 * 1024;
        const long bound = size / 4; // holding the sample (or the zip) whole would keep at least 64 MiB alive
        var packager = new ZipEvidencePackager();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var probe = new LiveHeapProbe(heapBefore, every: 4 * 1024 * 1024);
        var destination = new ProbingSink(probe);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        await packager.WriteEncryptedZipAsync(new PseudoRandomStream(size, seed: 7), "sample.exe", destination, CancellationToken.None);

        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        output.WriteLine(
            $"64 MiB packaged into {destination.Written / 1024.0 / 1024.0:F1} MiB in {elapsed.TotalSeconds:F1} s; " +
            $"allocated {allocated / 1024.0:F0} KiB (transient, inside SharpZipLib); live heap growth at most " +
            $"{probe.MaxLiveGrowth / 1024.0:F0} KiB over {probe.Probes} full collections while writing, {heapGrowth / 1024.0:F0} KiB after");

        destination.Written.ShouldBeGreaterThan(size, "random data does not compress; the whole sample went through");
        probe.Probes.ShouldBeGreaterThanOrEqualTo(8, "the heap was looked at all along the zip, not once");
        probe.MaxLiveGrowth.ShouldBeLessThan(bound);
        heapGrowth.ShouldBeLessThan(bound);
    }

    /// <summary>Linux: writing 5 to /proc/self/clear_refs resets the peak resident set (VmHWM) to the current one.</summary>
    private static bool ResetPeakWorkingSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Counts what is written and tells <paramref name="probe"/>.</summary>
    private sealed class ProbingSink(LiveHeapProbe probe) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            probe.Advance(buffer.Length);
            Written += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
    }
}
