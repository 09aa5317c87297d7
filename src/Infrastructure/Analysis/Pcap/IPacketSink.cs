using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Receives the packets a <see cref="CaptureFileParser"/> reads; the span is only valid during the call.</summary>
internal interface IPacketSink
{
    void OnPacket(int linkType, CaptureTimestamp time, int originalLength, ReadOnlySpan<byte> data);
}
