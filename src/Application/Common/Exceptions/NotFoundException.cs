namespace CaseManager.Application.Common.Exceptions;

/// <summary>The thing asked for does not exist, or is not visible to the caller (which answers the same, on purpose).</summary>
public sealed class NotFoundException(string name, object key)
    : Exception($"{name} '{key}' was not found.");
