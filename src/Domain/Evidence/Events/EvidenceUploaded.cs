using CaseManager.Domain.Common;

namespace CaseManager.Domain.Evidence.Events;

/// <summary>New evidence was registered (or a retry was asked for): its analysis is queued after the save.</summary>
public sealed record EvidenceAnalysisRequested(EvidenceId EvidenceId) : DomainEvent;
