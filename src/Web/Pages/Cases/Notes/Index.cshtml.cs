using CaseManager.Application.Notes.Commands.AddNote;
using CaseManager.Application.Notes.Commands.EditNote;
using CaseManager.Application.Notes.Queries.ListNotes;

namespace CaseManager.Web.Pages.Cases.Notes;

/// <summary>A case's notes in Markdown: write, edit (the earlier text is kept) and read them rendered and sanitised.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The note being edited (<c>?edit=ID</c>), else null.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    [BindProperty]
    public string? Markdown { get; set; }

    public IReadOnlyList<NoteDto> Notes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notes = await sender.Send(new ListNotesQuery(Id), cancellationToken);
        if (Edit is { } edit)
        {
            Markdown = Notes.FirstOrDefault(n => n.Id == edit)?.Markdown;
        }
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new AddNoteCommand(Id, Markdown), cancellationToken);
            TempData["Flash"] = "Note saved.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
            Notes = await sender.Send(new ListNotesQuery(Id), cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostEditAsync(Guid noteId, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new EditNoteCommand(Id, noteId, Markdown), cancellationToken);
            TempData["Flash"] = "Note saved.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
            Edit = noteId;
            Notes = await sender.Send(new ListNotesQuery(Id), cancellationToken);
            return Page();
        }
    }
}
