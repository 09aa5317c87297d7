namespace CaseManager.Application.Common.Interfaces;

/// <summary>The evidence store cannot promise the space an upload declared (free space minus what other uploads reserved). Maps to 507.</summary>
public sealed class InsufficientStorageException(string message) : Exception(message);
