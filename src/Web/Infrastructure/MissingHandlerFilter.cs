using Microsoft.AspNetCore.Mvc.Filters;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// A request for a page that has handlers, none of which matches (a POST to a GET-only page, an unknown ?handler=),
/// answers 405 (404 for GET and HEAD) instead of rendering the page without the data its handler would have loaded.
/// </summary>
internal sealed class MissingHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var handlers = context.ActionDescriptor.HandlerMethods;
        if (context.HandlerMethod is not null || handlers.Count == 0)
        {
            return next();
        }

        var method = context.HttpContext.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            context.Result = new NotFoundResult();
        }
        else
        {
            context.HttpContext.Response.Headers.Allow = string.Join(", ", handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct(StringComparer.Ordinal));
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }

        return Task.CompletedTask;
    }
}
