using Microsoft.Extensions.Logging;

namespace CaseManager.Application.Common.Behaviours;

/// <summary>Logs exceptions that are not an expected outcome (validation, not found, forbidden, conflict, a resumable upload's offset mismatch) and rethrows.</summary>
public sealed class UnhandledExceptionBehaviour<TMessage, TResponse>(ILogger<TMessage> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not (Exceptions.ValidationException or NotFoundException or ForbiddenAccessException
                                       or UnauthorizedAccessException or OperationCanceledException or ConflictException
                                       or UploadOffsetMismatchException or EvidenceRejectedException or InsufficientStorageException))
        {
            logger.LogError(ex, "Request {Name} failed", typeof(TMessage).Name);
            throw;
        }
    }
}
