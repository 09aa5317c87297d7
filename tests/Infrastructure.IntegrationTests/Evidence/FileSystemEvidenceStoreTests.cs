using System.Security.Cryptography;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Infrastructure.Evidence;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

public sealed class FileSystemEvidenceStoreTests : IDisposable
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode ReadOnlyForAll = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly EvidenceTestDirectory _root = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Chunked_upload_hashes_like_one_shot_and_stores_read_only_content_by_sha256()
    {
        var store = NewStore();
        var data = RandomBytes(3_000_001, seed: 1);
        var id = await store.BeginUploadAsync(data.Length, _ct);

        var offset = 0L;
        foreach (var size in new[] { 1, 4095, 1_048_577, 7, 2_000_000, 3_000_001 })
        {
            var take = (int)Math.Min(size, data.Length - offset);
            if (take == 0)
            {
                break;
            }

            offset = await store.AppendAsync(id, offset, new MemoryStream(data, (int)offset, take), _ct);
        }

        offset.ShouldBe(data.Length);
        var stored = await store.CompleteAsync(id, _ct);

        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data)));
        stored.Sha1.ShouldBe(Convert.ToHexStringLower(SHA1.HashData(data)));
        stored.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(data)));
        stored.Size.ShouldBe(data.Length);
        stored.AlreadyStored.ShouldBeFalse();

        var objectPath = ObjectPath(stored.Sha256);
        File.Exists(objectPath).ShouldBeTrue("content lives under objects/<aa>/<bb>/<sha256>");
        File.ReadAllBytes(objectPath).ShouldBe(data);
        Directory.GetFiles(Path.Combine(_root.Path, "uploads")).ShouldBeEmpty("the .part and its sidecar are gone");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(objectPath).ShouldBe(ReadOnlyForAll);
            (File.GetUnixFileMode(objectPath) & AnyExecute).ShouldBe(UnixFileMode.None);
            File.GetUnixFileMode(Path.GetDirectoryName(objectPath)!).ShouldBe((UnixFileMode)Convert.ToInt32("755", 8));
        }

        await using var read = store.OpenRead(stored.Sha256);
        (await SHA256.HashDataAsync(read, _ct)).ShouldBe(SHA256.HashData(data));
        await Should.ThrowAsync<KeyNotFoundException>(() => store.GetOffsetAsync(id, _ct));
    }

    [Fact]
    public async Task Upload_resumes_on_a_new_store_instance_and_completes_with_the_right_hashes()
    {
        var data = RandomBytes(2_500_000, seed: 2);
        var half = data.Length / 2;
        var first = NewStore();
        var id = await first.BeginUploadAsync(data.Length, _ct);
        (await first.AppendAsync(id, 0, new MemoryStream(data, 0, half), _ct)).ShouldBe(half);

        var part = Path.Combine(_root.Path, "uploads", id.ToString("N") + ".part");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(part).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, "partial uploads are private and never executable");
        }

        var restarted = NewStore(); // no in-memory hash state: the fallback re-hashes the .part file
        (await restarted.GetOffsetAsync(id, _ct)).ShouldBe(half);
        (await restarted.AppendAsync(id, half, new MemoryStream(data, half, data.Length - half), _ct)).ShouldBe(data.Length);
        var stored = await restarted.CompleteAsync(id, _ct);

        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data)));
        stored.Sha1.ShouldBe(Convert.ToHexStringLower(SHA1.HashData(data)));
        stored.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(data)));
        stored.Size.ShouldBe(data.Length);
        File.ReadAllBytes(ObjectPath(stored.Sha256)).ShouldBe(data);
    }

    [Fact]
    public async Task Chunk_sent_twice_or_out_of_order_is_refused_with_the_resume_offset_and_the_result_stays_right()
    {
        var store = NewStore();
        var data = RandomBytes(300_000, seed: 3);
        var id = await store.BeginUploadAsync(data.Length, _ct);
        await store.AppendAsync(id, 0, new MemoryStream(data, 0, 100_000), _ct);

        var twice = await Should.ThrowAsync<UploadOffsetMismatchException>(
            () => store.AppendAsync(id, 0, new MemoryStream(data, 0, 100_000), _ct));
        twice.CurrentOffset.ShouldBe(100_000);

        var ahead = await Should.ThrowAsync<UploadOffsetMismatchException>(
            () => store.AppendAsync(id, 200_000, new MemoryStream(data, 200_000, 100_000), _ct));
        ahead.CurrentOffset.ShouldBe(100_000);
        (await store.GetOffsetAsync(id, _ct)).ShouldBe(100_000);

        var resumeAt = (int)ahead.CurrentOffset;
        await store.AppendAsync(id, resumeAt, new MemoryStream(data, resumeAt, data.Length - resumeAt), _ct);
        var stored = await store.CompleteAsync(id, _ct);

        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data)));
        stored.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(data)));
        File.ReadAllBytes(ObjectPath(stored.Sha256)).ShouldBe(data);
    }

    [Fact]
    public async Task Concurrent_appends_to_one_upload_are_serialised_and_never_interleave()
    {
        var store = NewStore();
        var a = RandomBytes(2 * 4096, seed: 4);
        var b = RandomBytes(2 * 4096, seed: 5);
        var id = await store.BeginUploadAsync(a.Length, _ct);

        var holding = new GatedStream(a[..4096], a[4096..]);
        var first = store.AppendAsync(id, 0, holding, _ct);
        await holding.Reading; // the first append holds the upload, half of its chunk written
        var second = store.AppendAsync(id, 0, new MemoryStream(b), _ct);
        second.IsCompleted.ShouldBeFalse("the second append waits for the first");
        holding.Release();

        (await first).ShouldBe(a.Length);
        (await Should.ThrowAsync<UploadOffsetMismatchException>(() => second)).CurrentOffset.ShouldBe(a.Length);
        var stored = await store.CompleteAsync(id, _ct);
        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(a)));
        File.ReadAllBytes(ObjectPath(stored.Sha256)).ShouldBe(a);
    }

    [Fact]
    public async Task Another_instance_appending_meanwhile_makes_the_kept_hashes_stale_and_completion_rehashes()
    {
        var data = RandomBytes(1_000_000, seed: 12);
        var first = NewStore();
        var id = await first.BeginUploadAsync(data.Length, _ct);
        await first.AppendAsync(id, 0, new MemoryStream(data, 0, 400_000), _ct); // first keeps hashes of 400 000 bytes

        await NewStore().AppendAsync(id, 400_000, new MemoryStream(data, 400_000, 600_000), _ct);
        var stored = await first.CompleteAsync(id, _ct);

        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data)));
        stored.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(data)));
    }

    [Fact]
    public async Task Another_instance_cannot_write_while_an_append_is_in_progress()
    {
        var a = RandomBytes(8192, seed: 13);
        var store = NewStore();
        var id = await store.BeginUploadAsync(a.Length, _ct);
        var holding = new GatedStream(a[..4096], a[4096..]);
        var first = store.AppendAsync(id, 0, holding, _ct);
        await holding.Reading;

        // A second process or instance has no shared semaphore; the exclusive file open keeps it out.
        await Should.ThrowAsync<IOException>(() => NewStore().AppendAsync(id, 0, new MemoryStream(RandomBytes(4096, seed: 14)), _ct));
        holding.Release();

        (await first).ShouldBe(a.Length);
        (await store.CompleteAsync(id, _ct)).Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(a)));
    }

    [Fact]
    public async Task Chunk_that_breaks_midway_is_rolled_back_to_its_start_and_the_upload_can_resume()
    {
        var store = NewStore();
        var data = RandomBytes(20_000, seed: 6);
        var id = await store.BeginUploadAsync(data.Length, _ct);
        await store.AppendAsync(id, 0, new MemoryStream(data, 0, 5_000), _ct);

        var broken = new GatedStream(data[5_000..10_000], [], failAfterFirst: true);
        await Should.ThrowAsync<IOException>(() => store.AppendAsync(id, 5_000, broken, _ct));
        (await store.GetOffsetAsync(id, _ct)).ShouldBe(5_000);

        await store.AppendAsync(id, 5_000, new MemoryStream(data, 5_000, 15_000), _ct);
        var stored = await store.CompleteAsync(id, _ct);
        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data)));
        stored.Sha1.ShouldBe(Convert.ToHexStringLower(SHA1.HashData(data)));
    }

    [Fact]
    public async Task Empty_and_oversized_uploads_are_rejected_up_front()
    {
        var store = NewStore(maxUploadBytes: 1000);

        await Should.ThrowAsync<EvidenceRejectedException>(() => store.BeginUploadAsync(0, _ct));
        await Should.ThrowAsync<EvidenceRejectedException>(() => store.BeginUploadAsync(-5, _ct));
        await Should.ThrowAsync<EvidenceRejectedException>(() => store.BeginUploadAsync(1001, _ct));
        (await store.BeginUploadAsync(1000, _ct)).ShouldNotBe(Guid.Empty);
        await Should.ThrowAsync<EvidenceRejectedException>(() => NewStore().BeginUploadAsync(21L * 1024 * 1024 * 1024, _ct));
        var noSpace = await Should.ThrowAsync<InsufficientStorageException>(
            () => NewStore(maxUploadBytes: long.MaxValue).BeginUploadAsync(1L << 60, _ct));
        noSpace.Message.ShouldContain("disk space");

        Directory.GetFiles(Path.Combine(_root.Path, "uploads")).Length.ShouldBe(2, "only the 1000-byte upload began (.part and .size)");
        Directory.GetFiles(Path.Combine(_root.Path, "objects"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Writing_past_the_declared_size_is_rejected_and_truncated_back()
    {
        var store = NewStore();
        var data = RandomBytes(3_000_000, seed: 7);
        var id = await store.BeginUploadAsync(2_000_000, _ct);
        await store.AppendAsync(id, 0, new MemoryStream(data, 0, 1_500_000), _ct);

        await Should.ThrowAsync<EvidenceRejectedException>(
            () => store.AppendAsync(id, 1_500_000, new MemoryStream(data, 1_500_000, 1_500_000), _ct));
        (await store.GetOffsetAsync(id, _ct)).ShouldBe(1_500_000);
        new FileInfo(Path.Combine(_root.Path, "uploads", id.ToString("N") + ".part")).Length.ShouldBe(1_500_000);

        await store.AppendAsync(id, 1_500_000, new MemoryStream(data, 1_500_000, 500_000), _ct);
        var stored = await store.CompleteAsync(id, _ct);
        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data.AsSpan(0, 2_000_000))));
    }

    [Fact]
    public async Task Completing_early_is_rejected_and_stores_nothing()
    {
        var store = NewStore();
        var data = RandomBytes(10_000, seed: 8);
        var id = await store.BeginUploadAsync(data.Length, _ct);
        await store.AppendAsync(id, 0, new MemoryStream(data, 0, 9_999), _ct);

        var rejected = await Should.ThrowAsync<EvidenceRejectedException>(() => store.CompleteAsync(id, _ct));
        rejected.Reason.ShouldContain("incomplete");
        Directory.GetFiles(Path.Combine(_root.Path, "objects"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
        (await store.GetOffsetAsync(id, _ct)).ShouldBe(9_999, "the upload stays open for the missing byte");
    }

    [Fact]
    public async Task Identical_content_is_stored_once()
    {
        var store = NewStore();
        var data = RandomBytes(50_000, seed: 9);

        var first = await UploadAsync(store, data);
        var second = await UploadAsync(store, data);

        first.AlreadyStored.ShouldBeFalse();
        second.AlreadyStored.ShouldBeTrue();
        second.Sha256.ShouldBe(first.Sha256);
        second.Md5.ShouldBe(first.Md5);
        ObjectFiles().ShouldBe(new[] { ObjectPath(first.Sha256) });
        Directory.GetFiles(Path.Combine(_root.Path, "uploads")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Identical_content_completed_concurrently_is_stored_once()
    {
        // Separate instances share no lock; released together, 32 rounds make the race between completions real.
        for (var round = 0; round < 32; round++)
        {
            var data = RandomBytes(100_000, seed: 100 + round);
            var stores = Enumerable.Range(0, 4).Select(_ => NewStore()).ToArray();
            var ids = new Guid[stores.Length];
            for (var i = 0; i < stores.Length; i++)
            {
                ids[i] = await stores[i].BeginUploadAsync(data.Length, _ct);
                await stores[i].AppendAsync(ids[i], 0, new MemoryStream(data), _ct);
            }

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var completions = stores.Select((s, i) => Task.Run(
                async () =>
                {
                    await start.Task;
                    return await s.CompleteAsync(ids[i], _ct);
                },
                _ct)).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(completions);

            results.Count(r => !r.AlreadyStored).ShouldBe(1, $"round {round}: exactly one completion stores the content");
            results.Select(r => r.Sha256).Distinct().ShouldBe(new[] { Convert.ToHexStringLower(SHA256.HashData(data)) });
            File.ReadAllBytes(ObjectPath(results[0].Sha256)).ShouldBe(data);
        }

        ObjectFiles().Length.ShouldBe(32);
        Directory.GetFiles(Path.Combine(_root.Path, "uploads")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Verify_detects_content_altered_on_disk_and_missing_content()
    {
        var store = NewStore();
        var stored = await UploadAsync(store, RandomBytes(100_000, seed: 11));
        (await store.VerifyAsync(stored.Sha256, _ct)).ShouldBeTrue();

        var path = ObjectPath(stored.Sha256);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 54_321;
            var b = file.ReadByte();
            file.Position = 54_321;
            file.WriteByte((byte)(b ^ 0x01));
        }

        (await store.VerifyAsync(stored.Sha256, _ct)).ShouldBeFalse();
        (await store.VerifyAsync(new string('0', 64), _ct)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("../../../../../../../../../../../../../../../../../../../../../../../../../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("")]
    public async Task Crafted_sha256_values_are_refused(string sha256)
    {
        var store = NewStore();
        Should.Throw<ArgumentException>(() => store.OpenRead(sha256));
        await Should.ThrowAsync<ArgumentException>(() => store.VerifyAsync(sha256, _ct));
    }

    [Fact]
    public void Missing_content_throws_file_not_found()
    {
        Should.Throw<FileNotFoundException>(() => NewStore().OpenRead(new string('a', 64)));
    }

    [Fact]
    public async Task Unknown_uploads_throw_key_not_found_and_abort_is_idempotent()
    {
        var store = NewStore();
        var unknown = Guid.NewGuid();
        await Should.ThrowAsync<KeyNotFoundException>(() => store.GetOffsetAsync(unknown, _ct));
        await Should.ThrowAsync<KeyNotFoundException>(() => store.AppendAsync(unknown, 0, new MemoryStream([1]), _ct));
        await Should.ThrowAsync<KeyNotFoundException>(() => store.CompleteAsync(unknown, _ct));

        var id = await store.BeginUploadAsync(10, _ct);
        await store.AppendAsync(id, 0, new MemoryStream([1, 2, 3]), _ct);
        await store.AbortAsync(id, _ct);
        await store.AbortAsync(id, _ct);
        await store.AbortAsync(unknown, _ct);

        Directory.GetFiles(Path.Combine(_root.Path, "uploads")).ShouldBeEmpty();
        await Should.ThrowAsync<KeyNotFoundException>(() => store.AppendAsync(id, 3, new MemoryStream([4]), _ct));
    }

    [Fact]
    public void Missing_root_directory_configuration_fails_fast()
    {
        Should.Throw<InvalidOperationException>(() => new FileSystemEvidenceStore(Options.Create(new EvidenceStorageOptions())));
    }

    private FileSystemEvidenceStore NewStore(long? maxUploadBytes = null)
    {
        var options = new EvidenceStorageOptions { RootDirectory = _root.Path };
        if (maxUploadBytes is { } max)
        {
            options.MaxUploadBytes = max;
        }

        return new FileSystemEvidenceStore(Options.Create(options));
    }

    private async Task<StoredContent> UploadAsync(IEvidenceStore store, byte[] data)
    {
        var id = await store.BeginUploadAsync(data.Length, _ct);
        await store.AppendAsync(id, 0, new MemoryStream(data), _ct);
        return await store.CompleteAsync(id, _ct);
    }

    private string ObjectPath(string sha256) => Path.Combine(_root.Path, "objects", sha256[..2], sha256[2..4], sha256);

    private string[] ObjectFiles() => Directory.GetFiles(Path.Combine(_root.Path, "objects"), "*", SearchOption.AllDirectories);

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
