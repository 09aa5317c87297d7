using System.Buffers.Binary;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>DNS over TCP: two-byte length prefixed messages, reassembled in a bounded buffer.</summary>
internal sealed class DnsTcpParser(IDnsEvents events) : StreamConsumer
{
    private readonly BoundedBuffer _buffer = new(65_537);

    public override void Consume(ReadOnlySpan<byte> data, bool segmentStart, Flow flow, bool fromA)
    {
        while (!data.IsEmpty)
        {
            var taken = _buffer.Append(data);
            data = data[taken..];
            while (_buffer.Length >= 2)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.Span);
                if (_buffer.Length < 2 + length)
                {
                    break;
                }

                events.OnDnsMessage(flow, fromA, _buffer.Span.Slice(2, length), "tcp");
                _buffer.Discard(2 + length);
            }

            if (taken == 0)
            {
                Done = true;
                Release();
                return;
            }
        }
    }

    public override void OnGap() => _buffer.Clear();

    public override void Release() => _buffer.Release();
}
