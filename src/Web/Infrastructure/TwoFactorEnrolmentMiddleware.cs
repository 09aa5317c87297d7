using CaseManager.Application.Administration;
using CaseManager.Infrastructure.Identity;
using CaseManager.Web.Endpoints;
using Microsoft.AspNetCore.Identity;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// When an admin requires two-factor sign-in for a role, a member of it signed in with a cookie but not enrolled is sent
/// to /Account/TwoFactor before anything else (API calls with that cookie get 403 problem details). Only sign-in,
/// sign-out, the enrolment page, the language switch and the error page stay open. API keys are not affected: they are
/// their own credential (ADR-006).
/// </summary>
internal sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next)
{
    public const string EnrolmentPath = "/Account/TwoFactor";

    private static readonly string[] OpenPaths = [EnrolmentPath, "/Account/Logout", "/Account/Login", "/Account/LoginTwoFactor", "/Account/AccessDenied", "/Culture", "/Error"];

    public async Task InvokeAsync(HttpContext context, ITwoFactorPolicy policy)
    {
        var user = context.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: var type }
            && type == IdentityConstants.ApplicationScheme
            && !user.HasClaim(c => c.Type == ApplicationUser.TwoFactorClaim)
            && !OpenPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            var required = await policy.RequiredRolesAsync(context.RequestAborted);
            if (required.Any(user.IsInRole))
            {
                if (ApiProblems.IsApi(context.Request))
                {
                    await ApiProblems.Result(StatusCodes.Status403Forbidden, "Two-factor sign-in is required for your role: set it up at " + EnrolmentPath + ".").ExecuteAsync(context);
                }
                else
                {
                    context.Response.Redirect(EnrolmentPath);
                }

                return;
            }
        }

        await next(context);
    }
}
