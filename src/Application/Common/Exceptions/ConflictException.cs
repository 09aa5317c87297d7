namespace CaseManager.Application.Common.Exceptions;

/// <summary>The request is valid but the resource's state does not allow it (for example, evidence for a closed case). Maps to 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
