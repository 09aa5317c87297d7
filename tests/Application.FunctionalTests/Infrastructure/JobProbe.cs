using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;

namespace CaseManager.Application.FunctionalTests.Infrastructure;

/// <summary>
/// Observes a Hangfire worker (no polling, no sleeps): completes when a job of the given type has been
/// performed, optionally only for a given first argument (e.g. the evidence id).
/// </summary>
public sealed class JobProbe : JobFilterAttribute, IServerFilter, IDisposable
{
    private readonly Type _jobType;
    private readonly TaskCompletionSource _any = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _byArgument = new();

    public JobProbe(Type jobType)
    {
        _jobType = jobType;
        GlobalJobFilters.Filters.Add(this);
    }

    public Task Performed => _any.Task;

    /// <summary>Completes once a job whose first argument is <paramref name="argument"/> was performed (also if that already happened).</summary>
    public Task PerformedFor(object argument) => Slot(argument.ToString()!).Task;

    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.BackgroundJob.Job.Type != _jobType)
        {
            return;
        }

        var slot = Slot(context.BackgroundJob.Job.Args.FirstOrDefault()?.ToString() ?? string.Empty);
        if (context.Exception is { } error)
        {
            _any.TrySetException(error);
            slot.TrySetException(error);
        }
        else
        {
            _any.TrySetResult();
            slot.TrySetResult();
        }
    }

    public void Dispose() => GlobalJobFilters.Filters.Remove(this);

    private TaskCompletionSource Slot(string key) =>
        _byArgument.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
