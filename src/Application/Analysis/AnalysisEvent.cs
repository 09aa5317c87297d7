using CaseManager.Domain.Cases;

namespace CaseManager.Application.Analysis;

/// <summary>
/// A dated event the evidence shows (first packet, link time, a flagged process's start …); becomes a case timeline entry.
/// <paramref name="Host"/> is the host it happened on when the evidence knows it; <paramref name="Detail"/> names what the
/// event is about within the evidence (e.g. "pid 11275 [ksoftirqd/7]").
/// </summary>
public sealed record AnalysisEvent(TimelineEntryKind Kind, long UnixNanoseconds, string? Host = null, string? Detail = null);
