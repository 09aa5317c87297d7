namespace CaseManager.Application.Analysis.Traffic;

/// <summary>One DNS message (query or response) over UDP or TCP.</summary>
public sealed record DnsMessageRecord(
    long Frame,
    CaptureTimestamp Time,
    string Transport,
    string Src,
    int SrcPort,
    string Dst,
    int DstPort,
    int Id,
    bool IsResponse,
    int? Rcode,
    IReadOnlyList<DnsQuestionRecord> Questions,
    IReadOnlyList<DnsAnswerRecord> Answers);
