using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CaseManager.Application.Common.Behaviours;

/// <summary>Warns about requests slower than 500 ms.</summary>
public sealed class PerformanceBehaviour<TMessage, TResponse>(ILogger<TMessage> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private const long ThresholdMilliseconds = 500;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed.TotalMilliseconds > ThresholdMilliseconds)
        {
            logger.LogWarning("Long running request {Name}: {Elapsed} ms", typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
        }

        return response;
    }
}
