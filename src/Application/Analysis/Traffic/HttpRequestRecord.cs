namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// An HTTP/1.x request, reported at the frame that completes its header (after TCP reassembly).
/// <see cref="StatusCode"/> is the status of the response matched to it in order, when one was seen.
/// </summary>
public sealed record HttpRequestRecord(
    long Frame,
    CaptureTimestamp Time,
    int Stream,
    string Src,
    int SrcPort,
    string Dst,
    int DstPort,
    string Method,
    string? Host,
    string Uri,
    string? UserAgent,
    int? StatusCode);
