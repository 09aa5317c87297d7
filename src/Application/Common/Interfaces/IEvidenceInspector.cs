using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Common.Interfaces;

/// <summary>Tells what a file is from its first bytes (and, where content cannot tell, its name).</summary>
public interface IEvidenceInspector
{
    const int HeadLength = 4096;

    EvidenceKind Detect(ReadOnlySpan<byte> head, string fileName);

    /// <summary>Whether a download must be an encrypted zip: anything executable or script-like, judged by content, not by kind.</summary>
    bool MustBePackaged(ReadOnlySpan<byte> head, string fileName);
}
