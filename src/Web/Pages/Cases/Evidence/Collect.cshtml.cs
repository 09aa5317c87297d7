using CaseManager.Application.ApiKeys.Commands.CreateApiKey;
using CaseManager.Application.ApiKeys.Commands.RevokeApiKey;
using CaseManager.Application.ApiKeys.Queries.ListMyApiKeys;
using CaseManager.Application.Cases.Queries.GetCaseDetails;
using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.Pages.Cases.Evidence;

/// <summary>
/// Collecting from a host straight into the case: both collector scripts for download, and the case's collector tokens
/// (upload-only, this case only, expiring, revocable, stored hashed; a new one is shown once with the command lines to run).
/// </summary>
public sealed class CollectModel(ISender sender) : PageModel
{
    /// <summary>The lifetimes offered for a collector token, in days.</summary>
    public static readonly int[] Lifetimes = [1, 3, 7, 14, 30];

    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["linux"] = "casemgr-collect.sh",
        ["windows"] = "casemgr-collect.ps1",
    };

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public int ExpiresInDays { get; set; } = 7;

    public CaseDetailsDto Case { get; private set; } = null!;

    /// <summary>This user's collector tokens for this case, newest first.</summary>
    public IReadOnlyList<ApiKeyDto> Tokens { get; private set; } = [];

    /// <summary>The token just issued, shown once.</summary>
    public string? NewToken { get; private set; }

    public DateTimeOffset? NewTokenExpires { get; private set; }

    /// <summary>The case's upload address for the collectors, on this application's origin as the browser reached it.</summary>
    public string UploadUrl => Endpoints.CollectorEndpoints.UploadAddress($"{Request.Scheme}://{Request.Host}{Request.PathBase}", Id);

    public bool Open => Case.Phase != CasePhase.Closed;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Case = await sender.Send(new GetCaseDetailsQuery(Id), cancellationToken);
        Tokens = [.. (await sender.Send(new ListMyApiKeysQuery(), cancellationToken)).Where(k => k.CaseId == Id).OrderByDescending(k => k.CreatedAt)];
    }

    /// <summary>The collector script for <paramref name="os"/> ("linux" or "windows"), as a download.</summary>
    public async Task<IActionResult> OnGetScriptAsync(string? os, CancellationToken cancellationToken)
    {
        await sender.Send(new GetCaseDetailsQuery(Id), cancellationToken); // the case must be one the user may see
        if (os is null || !Scripts.TryGetValue(os, out var name))
        {
            return NotFound();
        }

        var stream = typeof(CollectModel).Assembly.GetManifestResourceStream("collectors/" + name);
        return stream is null ? NotFound() : File(stream, "application/octet-stream", name);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        Case = await sender.Send(new GetCaseDetailsQuery(Id), cancellationToken);
        if (!Open)
        {
            ModelState.AddModelError(string.Empty, "The case is closed: evidence can no longer be added.");
        }
        else if (!Lifetimes.Contains(ExpiresInDays))
        {
            ModelState.AddModelError(nameof(ExpiresInDays), "Choose how long the token stays valid.");
        }
        else
        {
            try
            {
                var created = await sender.Send(new CreateApiKeyCommand($"Collector {Case.Number}", ApiKeyScopes.Upload, Id, ExpiresInDays), cancellationToken);
                NewToken = created.Token;
                NewTokenExpires = created.ExpiresAt;
            }
            catch (ValidationException ex)
            {
                this.AddValidationErrors(ex, string.Empty);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId, CancellationToken cancellationToken)
    {
        var mine = await sender.Send(new ListMyApiKeysQuery(), cancellationToken);
        if (!mine.Any(k => k.Id == keyId && k.CaseId == Id))
        {
            return NotFound();
        }

        await sender.Send(new RevokeApiKeyCommand(keyId), cancellationToken);
        TempData["Flash"] = "The collector token was revoked.";
        return RedirectToPage(new { id = Id });
    }
}
