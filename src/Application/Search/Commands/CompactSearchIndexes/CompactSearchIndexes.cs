namespace CaseManager.Application.Search.Commands.CompactSearchIndexes;

/// <summary>
/// Sent by the recurring job: merges the search indexes' segments (<see cref="IApplicationDbContext.CompactSearchIndexesAsync"/>)
/// so the search box reads each term once instead of once per segment. Returns how many merge steps did work.
/// </summary>
[SystemRequest]
public sealed record CompactSearchIndexesCommand : ICommand<int>;

public sealed class CompactSearchIndexesCommandHandler(IApplicationDbContext db) : ICommandHandler<CompactSearchIndexesCommand, int>
{
    public async ValueTask<int> Handle(CompactSearchIndexesCommand command, CancellationToken cancellationToken) =>
        await db.CompactSearchIndexesAsync(cancellationToken);
}
