using CaseManager.Application.Common.Interfaces;
using CaseManager.Infrastructure.Evidence;
using ICSharpCode.SharpZipLib.Zip;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

public sealed class ZipEvidencePackagerTests
{
    private readonly ZipEvidencePackager _packager = new();

    [Fact]
    public async Task Sample_is_packed_as_one_aes256_entry_readable_with_the_password()
    {
        var sample = FileSystemEvidenceStoreTests.RandomBytes(300_000, seed: 21);
        var zip = await PackAsync(sample, "dropper.exe", seekable: true);

        using var archive = new ZipFile(new MemoryStream(zip)) { Password = IEvidencePackager.Password };
        archive.Count.ShouldBe(1);
        var entry = archive[0];
        entry.Name.ShouldBe("dropper.exe");
        entry.IsCrypted.ShouldBeTrue();
        entry.AESKeySize.ShouldBe(256);
        ReadEntry(archive, entry).ShouldBe(sample);
    }

    [Fact]
    public async Task Packing_into_a_non_seekable_destination_works_like_a_response_body()
    {
        var sample = FileSystemEvidenceStoreTests.RandomBytes(200_000, seed: 22);
        var zip = await PackAsync(sample, "implant.elf", seekable: false);

        using var archive = new ZipFile(new MemoryStream(zip)) { Password = IEvidencePackager.Password };
        archive.Count.ShouldBe(1);
        archive[0].AESKeySize.ShouldBe(256);
        ReadEntry(archive, archive[0]).ShouldBe(sample);
    }

    [Fact]
    public async Task Plain_bytes_do_not_appear_in_the_package()
    {
        var marker = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();
        var sample = Enumerable.Repeat(marker, 50).SelectMany(b => b).ToArray();
        var zip = await PackAsync(sample, "eicar.com", seekable: true);

        zip.AsSpan().IndexOf(marker.AsSpan(0, 20)).ShouldBe(-1);
    }

    [Fact]
    public async Task Wrong_password_cannot_read_the_entry()
    {
        var sample = FileSystemEvidenceStoreTests.RandomBytes(10_000, seed: 23);
        var zip = await PackAsync(sample, "sample.bin", seekable: true);

        using var archive = new ZipFile(new MemoryStream(zip)) { Password = "not-infected" };
        Should.Throw<ZipException>(() => ReadEntry(archive, archive[0]));

        using var noPassword = new ZipFile(new MemoryStream(zip));
        Should.Throw<ZipException>(() => ReadEntry(noPassword, noPassword[0]));
    }

    [Theory]
    [InlineData("../../etc/cron.d/evil", "evil")]
    [InlineData("C:\\Users\\victim\\payload.exe", "payload.exe")]
    [InlineData("bad\u0001name\n.sh", "badname.sh")]
    [InlineData("ads.txt:stream", "ads.txtstream")]
    [InlineData("..", ZipEvidencePackager.FallbackEntryName)]
    [InlineData("dir/", ZipEvidencePackager.FallbackEntryName)]
    [InlineData("", ZipEvidencePackager.FallbackEntryName)]
    [InlineData("样本.exe", "样本.exe")]
    public async Task Entry_name_is_reduced_to_a_plain_file_name(string given, string expected)
    {
        var zip = await PackAsync([1, 2, 3], given, seekable: true);

        using var archive = new ZipFile(new MemoryStream(zip)) { Password = IEvidencePackager.Password };
        archive[0].Name.ShouldBe(expected);
        ReadEntry(archive, archive[0]).ShouldBe(new byte[] { 1, 2, 3 });
    }

    private async Task<byte[]> PackAsync(byte[] content, string name, bool seekable)
    {
        using var destination = new MemoryStream();
        Stream target = seekable ? destination : new ForwardOnlyStream(destination);
        await _packager.WriteEncryptedZipAsync(new MemoryStream(content), name, target, CancellationToken.None);
        destination.CanWrite.ShouldBeTrue("the packager leaves the destination open");
        return destination.ToArray();
    }

    private static byte[] ReadEntry(ZipFile archive, ZipEntry entry)
    {
        using var input = archive.GetInputStream(entry);
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);
    }
}
