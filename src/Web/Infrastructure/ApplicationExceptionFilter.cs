using Microsoft.AspNetCore.Mvc.Filters;

namespace CaseManager.Web.Infrastructure;

/// <summary>Turns "not found" into 404, "forbidden" into 403 and "not signed in" into a login challenge, "conflict" into 409, for every page handler.</summary>
internal sealed class ApplicationExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        IActionResult? result = executed.Exception switch
        {
            NotFoundException => new NotFoundResult(),
            ForbiddenAccessException => new ForbidResult(),
            UnauthorizedAccessException => new ChallengeResult(),
            ConflictException => new StatusCodeResult(StatusCodes.Status409Conflict),
            _ => null,
        };
        if (result is not null)
        {
            executed.Result = result;
            executed.ExceptionHandled = true;
        }
    }
}
