namespace CaseManager.Web.Infrastructure;

/// <summary>
/// Puts the browser-hardening headers on every response (pages, API, static files, errors, the jobs dashboard):
/// a Content-Security-Policy that allows scripts only from this site and no framing, nosniff, DENY framing,
/// no referrer and no powerful browser features. Set when the response starts, so error handlers that clear the
/// response cannot drop them.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// Scripts only from this site (vendored libraries go to wwwroot/lib). Inline style attributes stay allowed: the
    /// analysis views size their bars with them, and styles cannot run code.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), fullscreen=(self)";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            // An endpoint's own, stricter policy (a report's sandbox) is kept beside ours: browsers enforce every policy sent.
            headers.ContentSecurityPolicy = Microsoft.Extensions.Primitives.StringValues.Concat(headers.ContentSecurityPolicy, ContentSecurityPolicy);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
