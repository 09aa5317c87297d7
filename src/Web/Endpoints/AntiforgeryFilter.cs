using Microsoft.AspNetCore.Antiforgery;

namespace CaseManager.Web.Endpoints;

/// <summary>Cookie-authenticated API calls that change state must carry the page's antiforgery token (header RequestVerificationToken); API-key calls need none.</summary>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // An API key is sent by the caller's code, never by a browser on its own: nothing to forge.
        if (ApiKeyAuthenticationHandler.ScopesOf(context.HttpContext.User) is not null)
        {
            return await next(context);
        }

        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method)
            && !await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token.");
        }

        return await next(context);
    }
}
