using FluentValidation.Results;

namespace CaseManager.Application.Common.Exceptions;

/// <summary>One or more fields of a command were invalid; <see cref="Errors"/> maps field name to messages.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException()
        : base("One or more validation failures have occurred.")
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ValidationException(IEnumerable<ValidationFailure> failures)
        : this()
    {
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    public ValidationException(string propertyName, string message)
        : this()
    {
        Errors = new Dictionary<string, string[]> { [propertyName] = [message] };
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
