using CaseManager.Application.Administration.Queries.ListUsers;
using CaseManager.Application.Common.Interfaces;

namespace CaseManager.Web.Pages.Admin.Users;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await sender.Send(new ListUsersQuery(), cancellationToken);
}
