using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Notes;

namespace CaseManager.Application.Notes.Commands.AddNote;

/// <summary>Writes a Markdown note on a case.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record AddNoteCommand(Guid CaseId, string? Markdown) : ICommand<Guid>;

public sealed class AddNoteCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<AddNoteCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddNoteCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        }

        var now = clock.GetUtcNow();
        var note = CaseNote.Write(caseId, command.Markdown ?? string.Empty, currentUser.AuditName, now);
        db.Notes.Add(note);
        db.Activity.Add(new CaseActivity(caseId, CaseActivityKind.NoteAdded, GetCaseTimelineQueryHandler.FirstLine(note.Markdown), currentUser.AuditName, now));
        await db.SaveChangesAsync(cancellationToken);
        return note.Id;
    }
}

public sealed class AddNoteCommandValidator : AbstractValidator<AddNoteCommand>
{
    public AddNoteCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Markdown).NotEmpty().WithMessage("A note needs some text.")
            .Must(m => m!.Trim().Length > 0).WithMessage("A note needs some text.")
            .MaximumLength(CaseNote.MarkdownMaxLength);
    }
}
