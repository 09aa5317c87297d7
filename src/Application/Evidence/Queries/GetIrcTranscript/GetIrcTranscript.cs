using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetIrcTranscript;

/// <summary>
/// The "Follow TCP Stream" view of one IRC session of a capture: its row of the <c>irc</c> table and a page of its
/// lines (<c>irc_lines</c> of that stream, in line order, as UTF-8 text).
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetIrcTranscriptQuery(Guid EvidenceId, long Stream, int Page = 1, int PageSize = GetIrcTranscriptQueryHandler.DefaultPageSize)
    : IQuery<IrcTranscriptDto>;

public sealed record IrcTranscriptDto(Guid EvidenceId, Guid CaseId, string Name, long Stream, ResultTableDto Session, ResultTableDto Lines);

public sealed class GetIrcTranscriptQueryHandler(IApplicationDbContext db, IAnalysisRunStore store, IAnalyserRegistry analysers)
    : IQueryHandler<GetIrcTranscriptQuery, IrcTranscriptDto>
{
    public const int DefaultPageSize = 500;

    public async ValueTask<IrcTranscriptDto> Handle(GetIrcTranscriptQuery query, CancellationToken cancellationToken)
    {
        var run = await AnalysedRun.LoadAsync(db, store, analysers, query.EvidenceId, cancellationToken);
        if (run.Tables.All(t => t.Name != "irc") || run.Tables.All(t => t.Name != "irc_lines"))
        {
            throw new NotFoundException("IRC session", query.Stream);
        }

        ColumnEquals[] stream = [new("stream", query.Stream)];
        var session = await store.QueryAsync(run.Id, run.Run, new ResultQuery("irc", PageSize: 1, Where: stream), cancellationToken);
        if (session.Total == 0)
        {
            throw new NotFoundException("IRC session", query.Stream);
        }

        var lines = await store.QueryAsync(
            run.Id, run.Run, new ResultQuery("irc_lines", Sort: "line", Page: query.Page, PageSize: query.PageSize, Where: stream), cancellationToken);
        return new IrcTranscriptDto(
            query.EvidenceId,
            run.CaseId,
            run.Name,
            query.Stream,
            GetResultTableQueryHandler.Dto(run, session, null, null, false),
            GetResultTableQueryHandler.Dto(run, lines, null, "line", false));
    }
}
