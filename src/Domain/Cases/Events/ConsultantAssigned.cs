using CaseManager.Domain.Common;

namespace CaseManager.Domain.Cases.Events;

/// <summary>A consultant was put on a case; they are told in the background.</summary>
public sealed record ConsultantAssigned(CaseId CaseId, string UserId) : DomainEvent;
