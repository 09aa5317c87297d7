namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// One TCP or UDP stream (as Wireshark's <c>tcp.stream</c>/<c>udp.stream</c>). <see cref="A"/> sent the
/// stream's first packet; bytes are whole frame lengths. The TCP flag counts are frames: SYN without ACK,
/// SYN+ACK, FIN, RST.
/// </summary>
public sealed record TrafficConversation(
    int Stream,
    string Protocol,
    TrafficEndpoint A,
    TrafficEndpoint B,
    long PacketsAToB,
    long BytesAToB,
    long PacketsBToA,
    long BytesBToA,
    CaptureTimestamp FirstSeen,
    CaptureTimestamp LastSeen,
    long FirstFrame,
    int Syn,
    int SynAck,
    int Fin,
    int Rst);
