using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The state of one TCP or UDP stream: conversation counters, Wireshark's stream-splitting state
/// (base sequence numbers) and lazily created application-layer parsers.
/// </summary>
internal sealed class Flow(int stream, bool tcp, IpAddressKey a, ushort aPort, IpAddressKey b, ushort bPort, bool aIsLow)
{
    public readonly int Stream = stream;
    public readonly bool IsTcp = tcp;
    public readonly IpAddressKey A = a;
    public readonly IpAddressKey B = b;
    public readonly ushort APort = aPort;
    public readonly ushort BPort = bPort;
    public readonly bool AIsLow = aIsLow;

    public long PacketsAToB;
    public long BytesAToB;
    public long PacketsBToA;
    public long BytesBToA;
    public CaptureTimestamp First;
    public CaptureTimestamp Last;
    public long FirstFrame;
    public long LastFrame;
    public int Syn;
    public int SynAck;
    public int Fin;
    public int Rst;
    public bool FinFromA;
    public bool FinFromB;

    /// <summary>The rows of A and B in the <see cref="HostTable"/>.</summary>
    public int HostA;
    public int HostB;

    public bool BaseSetA;
    public bool BaseSetB;
    public uint BaseA;
    public uint BaseB;

    public TcpDirection? DirectionA;
    public TcpDirection? DirectionB;
    /// <summary>Per-flow state of protocol modules (a short list; most flows have none).</summary>
    public FlowObserver? Observers;
    public bool Flagged;

    /// <summary>A TCP stream reset, or closed by FIN from both sides.</summary>
    public bool Ended => Rst > 0 || (FinFromA && FinFromB);

    public TcpDirection Direction(bool fromA) => fromA
        ? DirectionA ??= new TcpDirection()
        : DirectionB ??= new TcpDirection();

    /// <summary>The module state of type <typeparamref name="T"/> on this flow, or null.</summary>
    public T? Observer<T>()
        where T : FlowObserver
    {
        for (var o = Observers; o is not null; o = o.Next)
        {
            if (o is T found)
            {
                return found;
            }
        }

        return null;
    }

    public void Attach(FlowObserver observer)
    {
        observer.Next = Observers;
        Observers = observer;
    }

    public void ReleaseBuffers()
    {
        DirectionA?.Consumer?.Release();
        DirectionB?.Consumer?.Release();
    }
}
