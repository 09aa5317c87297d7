using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Evidence;

internal sealed class EvidenceInspector : IEvidenceInspector
{
    public EvidenceKind Detect(ReadOnlySpan<byte> head, string fileName) => EvidenceKindDetector.Detect(head, fileName);

    public bool MustBePackaged(ReadOnlySpan<byte> head, string fileName) => EvidenceKindDetector.MustBePackaged(head, fileName);
}
