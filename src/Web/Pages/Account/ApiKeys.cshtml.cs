using CaseManager.Application.ApiKeys.Commands.CreateApiKey;
using CaseManager.Application.ApiKeys.Commands.RevokeApiKey;
using CaseManager.Application.ApiKeys.Queries.ListMyApiKeys;
using CaseManager.Domain.ApiKeys;

namespace CaseManager.Web.Pages.Account;

/// <summary>The signed-in user's personal access tokens for the JSON API: issue (the token is shown once), list, revoke.</summary>
public sealed class ApiKeysModel(ISender sender) : PageModel
{
    public IReadOnlyList<ApiKeyDto> Keys { get; private set; } = [];

    /// <summary>The token just issued, shown once.</summary>
    public string? NewToken { get; private set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    /// <summary>"read", "upload", "read-upload" or "collector".</summary>
    [BindProperty]
    public string Kind { get; set; } = "upload";

    [BindProperty]
    public Guid? CaseId { get; set; }

    [BindProperty]
    public int ExpiresInDays { get; set; } = 90;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await sender.Send(new ListMyApiKeysQuery(), cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var scopes = Kind switch
        {
            "read" => ApiKeyScopes.Read,
            "read-upload" => ApiKeyScopes.Read | ApiKeyScopes.Upload,
            _ => ApiKeyScopes.Upload,
        };
        try
        {
            NewToken = (await sender.Send(new CreateApiKeyCommand(Name, scopes, Kind == "collector" ? CaseId : null, ExpiresInDays), cancellationToken)).Token;
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, string.Empty);
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeApiKeyCommand(id), cancellationToken);
        TempData["Flash"] = "The key was revoked.";
        return RedirectToPage();
    }
}
