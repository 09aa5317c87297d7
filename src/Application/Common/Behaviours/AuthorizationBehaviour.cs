using System.Reflection;

namespace CaseManager.Application.Common.Behaviours;

/// <summary>
/// Enforces the one authorization attribute every message carries: <see cref="AuthorizeAttribute"/>
/// (signed in, in one of the roles), <see cref="SystemRequestAttribute"/> (background jobs only) or
/// <see cref="AllowAnonymousRequestAttribute"/>. A message with none is refused.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly AuthorizeAttribute? Authorize = typeof(TMessage).GetCustomAttribute<AuthorizeAttribute>();
    private static readonly bool IsSystemRequest = typeof(TMessage).GetCustomAttribute<SystemRequestAttribute>() is not null;
    private static readonly bool IsAnonymous = typeof(TMessage).GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null;

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!IsAnonymous && !currentUser.IsSystem)
        {
            if (IsSystemRequest)
            {
                throw new ForbiddenAccessException();
            }

            if (Authorize is null)
            {
                throw new InvalidOperationException($"{typeof(TMessage).Name} carries no authorization attribute.");
            }

            if (!currentUser.IsAuthenticated)
            {
                throw new UnauthorizedAccessException();
            }

            var roles = Authorize.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (roles.Length > 0 && !roles.Any(currentUser.IsInRole))
            {
                throw new ForbiddenAccessException();
            }
        }

        return next(message, cancellationToken);
    }
}
