using Microsoft.Extensions.Logging;

namespace CaseManager.Application.Common.Behaviours;

/// <summary>Logs each message with the acting user (never the message's content, which may hold evidence).</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<TMessage> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Request {Name} by {User}", typeof(TMessage).Name, currentUser.AuditName);
        }

        return next(message, cancellationToken);
    }
}
