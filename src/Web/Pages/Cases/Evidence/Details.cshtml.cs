using CaseManager.Application.Common.Interfaces;
using CaseManager.Application.Evidence.Commands.DescribeEvidence;
using CaseManager.Application.Evidence.Commands.DownloadEvidence;
using CaseManager.Application.Evidence.Commands.OverrideKind;
using CaseManager.Application.Evidence.Commands.RetryAnalysis;
using CaseManager.Application.Evidence.Queries.GetEvidence;
using CaseManager.Domain.Evidence;
using Microsoft.Net.Http.Headers;

namespace CaseManager.Web.Pages.Cases.Evidence;

public sealed class DetailsModel(ISender sender, IEvidencePackager packager) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public EvidenceDetailsDto Item { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Item = await sender.Send(new GetEvidenceQuery(Id), cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new RetryEvidenceAnalysisCommand(Id), cancellationToken);
            TempData["Flash"] = "Analysis queued.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
            await OnGetAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDescribeAsync(Guid? hostId, string? acquiredBy, DateTime? acquiredAt, string? notes, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new DescribeEvidenceCommand(Id, hostId, acquiredBy, DateInput.ToUtc(acquiredAt), notes), cancellationToken);
            TempData["Flash"] = "Evidence saved.";
            return RedirectToPage(new { id = Id });
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
            await OnGetAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostKindAsync(EvidenceKind kind, CancellationToken cancellationToken)
    {
        await sender.Send(new OverrideEvidenceKindCommand(Id, kind), cancellationToken);
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Streams the evidence as an attachment (never inline); executables and scripts as an AES zip.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(string? reason, CancellationToken cancellationToken)
    {
        EvidenceDownload download;
        try
        {
            download = await sender.Send(new DownloadEvidenceCommand(Id, reason ?? string.Empty), cancellationToken);
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
            await OnGetAsync(cancellationToken);
            return Page();
        }
        catch (EvidenceIntegrityException)
        {
            ModelState.AddModelError(string.Empty, HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()[
                "The stored file no longer matches its SHA-256: the download was refused and the evidence must be checked."]);
            await OnGetAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (!download.MustBeZipped)
        {
            return File(download.Content, "application/octet-stream", download.FileName);
        }

        // The zip is built in a temporary file that deletes itself when the response has been sent
        // (the zip library may write synchronously, which Kestrel's response stream refuses).
        var zip = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (download.Content)
        {
            await packager.WriteEncryptedZipAsync(download.Content, download.FileName, zip, cancellationToken);
        }

        zip.Position = 0;
        return File(zip, "application/zip", download.FileName + ".zip");
    }
}
