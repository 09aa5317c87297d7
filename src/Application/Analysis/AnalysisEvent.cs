using CaseManager.Domain.Cases;

namespace CaseManager.Application.Analysis;

/// <summary>A dated event the evidence shows (first packet, link time …); becomes a case timeline entry.</summary>
public sealed record AnalysisEvent(TimelineEntryKind Kind, long UnixNanoseconds, string? Host = null, string? Detail = null);
