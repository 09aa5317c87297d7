using CaseManager.Application.Notifications.Queries.CountMyUnreadNotifications;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace CaseManager.Web.ViewComponents;

/// <summary>The unread-notification count beside the navigation link.</summary>
public sealed class UnreadNotificationsViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var unread = await sender.Send(new CountMyUnreadNotificationsQuery(), HttpContext.RequestAborted);
        return unread == 0
            ? new ContentViewComponentResult(string.Empty)
            : new HtmlContentViewComponentResult(new Microsoft.AspNetCore.Html.HtmlString(
                $"<span class=\"badge\" data-testid=\"unread-count\">{unread}</span>"));
    }
}
