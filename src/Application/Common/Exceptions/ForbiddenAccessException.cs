namespace CaseManager.Application.Common.Exceptions;

/// <summary>The caller is known but may not do this.</summary>
public sealed class ForbiddenAccessException() : Exception("Access to this operation is forbidden.");
