using Microsoft.AspNetCore.Antiforgery;

namespace CaseManager.Web.Endpoints;

/// <summary>Cookie-authenticated API calls that change state must carry the page's antiforgery token (header RequestVerificationToken).</summary>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method)
            && !await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token.");
        }

        return await next(context);
    }
}
