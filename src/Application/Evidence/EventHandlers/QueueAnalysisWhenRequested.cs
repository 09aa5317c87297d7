using CaseManager.Domain.Evidence.Events;

namespace CaseManager.Application.Evidence.EventHandlers;

/// <summary>Queues the analysis job once the evidence (or the retry) is saved.</summary>
public sealed class QueueAnalysisWhenRequested(IEvidenceAnalysisQueue queue) : INotificationHandler<EvidenceAnalysisRequested>
{
    public ValueTask Handle(EvidenceAnalysisRequested notification, CancellationToken cancellationToken)
    {
        queue.Enqueue(notification.EvidenceId);
        return ValueTask.CompletedTask;
    }
}
