using CaseManager.Application.Notifications.Commands.MarkNotificationRead;
using CaseManager.Application.Notifications.Queries.ListMyNotifications;

namespace CaseManager.Web.Pages.Notifications;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<NotificationDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await sender.Send(new ListMyNotificationsQuery(), cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new MarkNotificationReadCommand(id), cancellationToken);
        return RedirectToPage();
    }
}
