namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>One direction of a TCP stream: the in-order position and the application parser fed from it.</summary>
internal sealed class TcpDirection
{
    public bool SequenceKnown;
    public uint NextSequence;
    public bool Sniffed;
    public int SniffAttempts;
    public StreamConsumer? Consumer;
}
