using CaseManager.Application.Administration.Commands.SetTwoFactorRequirement;
using CaseManager.Application.Administration.Queries.GetTwoFactorRequirement;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Pages.Admin.Security;

/// <summary>Security settings: which staff roles must use two-factor sign-in.</summary>
public sealed class IndexModel(ISender sender, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public bool RequireForAdmins { get; set; }

    [BindProperty]
    public bool RequireForConsultants { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var current = await sender.Send(new GetTwoFactorRequirementQuery(), cancellationToken);
        RequireForAdmins = current.Admins;
        RequireForConsultants = current.Consultants;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new SetTwoFactorRequirementCommand(RequireForAdmins, RequireForConsultants), cancellationToken);
        Message = l["Saved."];
        return RedirectToPage();
    }
}
