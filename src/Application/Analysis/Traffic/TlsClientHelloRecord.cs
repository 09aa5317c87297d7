namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// A TLS ClientHello, reported at the frame that completes it. <see cref="Ja3"/> is the JA3 fingerprint
/// (MD5 of <see cref="Ja3String"/>, GREASE values removed).
/// </summary>
public sealed record TlsClientHelloRecord(
    long Frame,
    CaptureTimestamp Time,
    int Stream,
    string Src,
    int SrcPort,
    string Dst,
    int DstPort,
    string? Sni,
    string Ja3,
    string Ja3String);
