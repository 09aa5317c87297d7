using CaseManager.Application.Messages.Queries.GetMyDashboard;
using CaseManager.Domain.Identity;

namespace CaseManager.Web.Pages;

/// <summary>
/// The start page. Client users go to their portal; staff see their dashboard: the open cases assigned to them and what
/// changed on each since they last opened it.
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public MyDashboardDto Dashboard { get; private set; } = new([]);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(Roles.Client))
        {
            return RedirectToPage("/Portal/Index");
        }

        Dashboard = await sender.Send(new GetMyDashboardQuery(), cancellationToken);
        return Page();
    }
}
