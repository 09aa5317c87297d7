namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

/// <summary>
/// Yields <c>first</c>, then signals <see cref="Reading"/> and waits for <see cref="Release"/> before the rest
/// (or an IOException when <c>failAfterFirst</c>), to hold an append open or break it mid-chunk without timing.
/// </summary>
internal sealed class GatedStream(byte[] first, byte[] rest, bool failAfterFirst = false) : Stream
{
    private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _step;

    public Task Reading => _reading.Task;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Release() => _release.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        switch (_step++)
        {
            case 0:
                first.CopyTo(buffer);
                return first.Length;
            case 1:
                _reading.TrySetResult();
                if (failAfterFirst)
                {
                    throw new IOException("The client went away.");
                }

                await _release.Task.WaitAsync(cancellationToken);
                rest.CopyTo(buffer);
                return rest.Length;
            default:
                return 0;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
