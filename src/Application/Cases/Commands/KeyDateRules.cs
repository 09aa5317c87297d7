using System.Linq.Expressions;

namespace CaseManager.Application.Cases.Commands;

internal static class KeyDateRules
{
    /// <summary>Key dates may not lie in the future, and a report cannot precede detection.</summary>
    public static void AddKeyDateRules<T>(
        this AbstractValidator<T> validator,
        Expression<Func<T, DateTimeOffset?>> detected,
        Expression<Func<T, DateTimeOffset?>> reported,
        Expression<Func<T, DateTimeOffset?>> engaged,
        TimeProvider clock)
    {
        foreach (var date in new[] { detected, reported, engaged })
        {
            validator.RuleFor(date)
                .Must(d => d is null || d <= clock.GetUtcNow())
                .WithMessage("This date cannot lie in the future.");
        }

        var detectedAt = detected.Compile();
        validator.RuleFor(reported)
            .Must((command, reportedAt) => reportedAt is null || detectedAt(command) is not { } d || reportedAt >= d)
            .WithMessage("The report date cannot be before the detection date.");
    }
}
