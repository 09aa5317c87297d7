namespace CaseManager.Web.Endpoints;

/// <summary>Problem details (RFC 9457) for everything under /api, including answers no endpoint produced (401, 403, 404, 429).</summary>
public static class ApiProblems
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static IResult Result(int status, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions);

    /// <summary>For /api, an empty error response (from authentication, routing, the rate limiter) becomes problem details; pages keep the error page.</summary>
    public static void UseApiProblemsOrErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages(context =>
            Result(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext)));
        app.UseWhen(context => !IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
    }
}
