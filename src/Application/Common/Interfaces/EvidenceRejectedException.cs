namespace CaseManager.Application.Common.Interfaces;

/// <summary>
/// Evidence the store or intake refuses for a reason the uploader can act on (empty file, over the size limit,
/// more bytes than declared, completed too early, unusable file name, no disk space). Map to a validation message / 400.
/// </summary>
public sealed class EvidenceRejectedException(string reason) : Exception(reason)
{
    /// <summary>Why the evidence was refused, suitable for showing to the uploader.</summary>
    public string Reason { get; } = reason;
}
