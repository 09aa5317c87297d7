using CaseManager.Application.Remediation.Queries;

namespace CaseManager.Web.Pages.Admin.Playbooks;

/// <summary>Every incident type's remediation playbook: current version, steps, versions and how many cases use each.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<PlaybookDto> Playbooks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Playbooks = await sender.Send(new ListPlaybooksQuery(), cancellationToken);
}
