using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Notes;

namespace CaseManager.Application.Notes.Commands.EditNote;

/// <summary>Replaces a note's text; the previous text is kept as a revision with who wrote it and when.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record EditNoteCommand(Guid CaseId, Guid NoteId, string? Markdown) : ICommand;

public sealed class EditNoteCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<EditNoteCommand>
{
    public async ValueTask<Unit> Handle(EditNoteCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        }

        var note = await db.Notes.Include(n => n.Revisions).SingleOrDefaultAsync(n => n.Id == command.NoteId && n.CaseId == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(CaseNote), command.NoteId);
        var before = note.Markdown;
        var now = clock.GetUtcNow();
        note.Edit(command.Markdown ?? string.Empty, currentUser.AuditName, now);
        if (note.Markdown != before)
        {
            db.Activity.Add(new CaseActivity(caseId, CaseActivityKind.NoteEdited, GetCaseTimelineQueryHandler.FirstLine(note.Markdown), currentUser.AuditName, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed class EditNoteCommandValidator : AbstractValidator<EditNoteCommand>
{
    public EditNoteCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.NoteId).NotEmpty();
        RuleFor(c => c.Markdown).NotEmpty().WithMessage("A note needs some text.")
            .Must(m => m!.Trim().Length > 0).WithMessage("A note needs some text.")
            .MaximumLength(CaseNote.MarkdownMaxLength);
    }
}
