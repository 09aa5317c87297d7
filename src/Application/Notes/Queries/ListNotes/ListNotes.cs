using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Notes.Queries.ListNotes;

/// <summary>A case's notes, newest first, with their Markdown, the sanitised HTML and their edit history.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ListNotesQuery(Guid CaseId) : IQuery<IReadOnlyList<NoteDto>>;

public sealed record NoteDto(
    Guid Id,
    string Markdown,
    string Html,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? EditedBy,
    DateTimeOffset? EditedAt,
    IReadOnlyList<NoteRevisionDto> Revisions);

public sealed record NoteRevisionDto(string Markdown, string WrittenBy, DateTimeOffset WrittenAt);

public sealed class ListNotesQueryHandler(IApplicationDbContext db, IMarkdownRenderer markdown) : IQueryHandler<ListNotesQuery, IReadOnlyList<NoteDto>>
{
    public async ValueTask<IReadOnlyList<NoteDto>> Handle(ListNotesQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        var notes = await db.Notes.AsNoTracking().Include(n => n.Revisions).Where(n => n.CaseId == caseId).ToListAsync(cancellationToken);
        return notes
            .OrderByDescending(n => n.CreatedAt)
            .Select(n => new NoteDto(n.Id, n.Markdown, markdown.ToSafeHtml(n.Markdown), n.CreatedBy, n.CreatedAt, n.EditedBy, n.EditedAt,
                n.Revisions.OrderByDescending(r => r.WrittenAt).Select(r => new NoteRevisionDto(r.Markdown, r.WrittenBy, r.WrittenAt)).ToList()))
            .ToList();
    }
}
