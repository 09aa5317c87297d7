namespace CaseManager.Application.Common.Interfaces;

/// <summary>The evidence store refused an upload or chunk (empty, over the limit, incomplete …); <see cref="Exception.Message"/> says why.</summary>
public sealed class EvidenceRejectedException(string reason) : Exception(reason);
