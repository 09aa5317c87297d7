using CaseManager.Application.Evidence.Commands.DownloadEvidence;
using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Remediation.Queries;
using CaseManager.Domain.Remediation;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace CaseManager.Web.Pages.Shared.Remediation;

/// <summary>
/// What the staff and the portal remediation pages share: the checklist, status changes and proof files (attached up to
/// the configured size; downloaded only as attachments with nosniff). Which items a reader reaches is the tenant filter's
/// business: a client user's request for another organisation's item or proof is "not found".
/// </summary>
public abstract class RemediationPageModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ItemForm Input { get; set; } = new();

    public RemediationView View { get; private set; } = null!;

    protected ISender Sender { get; } = sender;

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await Sender.Send(new GetRemediationQuery(Id), cancellationToken);

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Sender.Send(new UpdateRemediationItemCommand(Input.ItemId, Input.Status, Input.Note, Input.Reason, Input.Proof), cancellationToken);
            TempData["Flash"] = "Item updated.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            return await RefusedAsync(ex, cancellationToken);
        }
    }

    /// <summary>Attaches a proof file to an item; a file over the limit is refused with a message and nothing is stored.</summary>
    public async Task<IActionResult> OnPostProofAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        try
        {
            if (file is null)
            {
                throw new ValidationException("File", "Choose a file.");
            }

            await using var content = file.OpenReadStream();
            await Sender.Send(new AttachRemediationProofCommand(Input.ItemId, file.FileName, file.Length, content), cancellationToken);
            TempData["Flash"] = "Proof attached.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            return await RefusedAsync(ex, cancellationToken);
        }
    }

    /// <summary>Sends a proof file back as an attachment (never inline), after checking its SHA-256.</summary>
    public async Task<IActionResult> OnGetProofAsync(Guid proofId, CancellationToken cancellationToken)
    {
        RemediationProofDownload download;
        try
        {
            download = await Sender.Send(new DownloadRemediationProofQuery(Id, proofId), cancellationToken);
        }
        catch (EvidenceIntegrityException)
        {
            ModelState.AddModelError(string.Empty, HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[
                "The stored file no longer matches its SHA-256: the download was refused and the evidence must be checked."]);
            await OnGetAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(download.Content, "application/octet-stream", download.FileName);
    }

    /// <summary>Shows the page again with the messages at the top (each item has its own form, so a message by a field would be missed).</summary>
    protected async Task<IActionResult> RefusedAsync(ValidationException exception, CancellationToken cancellationToken)
    {
        this.AddValidationErrors(exception, string.Empty);
        var messages = ModelState.Where(e => e.Key.Length > 0).SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage)).ToList();
        foreach (var message in messages)
        {
            ModelState.AddModelError(string.Empty, message);
        }

        View = await Sender.Send(new GetRemediationQuery(Id), cancellationToken);
        return Page();
    }

    public sealed class ItemForm
    {
        public Guid ItemId { get; set; }

        public RemediationStatus Status { get; set; }

        public string? Note { get; set; }

        public string? Reason { get; set; }

        public string? Proof { get; set; }

        public string? AssigneeUserId { get; set; }

        public DateOnly? DueOn { get; set; }
    }
}
