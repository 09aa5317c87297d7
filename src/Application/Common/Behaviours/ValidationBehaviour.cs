using FluentValidation.Results;

namespace CaseManager.Application.Common.Behaviours;

/// <summary>Runs every FluentValidation validator of a command before its handler; queries are not validated.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var context = new ValidationContext<TMessage>(message);
        var failures = new List<ValidationFailure>();
        foreach (var validator in validators)
        {
            failures.AddRange((await validator.ValidateAsync(context, cancellationToken)).Errors);
        }

        if (failures.Count > 0)
        {
            throw new Exceptions.ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}
