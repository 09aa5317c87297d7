using System.Security.Claims;
using System.Text.Encodings.Web;
using CaseManager.Application.ApiKeys;
using CaseManager.Domain.ApiKeys;
using CaseManager.Infrastructure.Data;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// <c>Authorization: Bearer cmk_…</c> on /api routes. The key's principal is built from its owner's current account
/// (roles, organisation) by the same factory as the sign-in cookie, so a key never has more rights than its owner has
/// now; it is then narrowed by the key's scopes and, for a collector key, one case. Unknown, expired and revoked keys,
/// and keys of disabled or locked accounts, get 401.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApplicationDbContext db,
    UserManager<ApplicationUser> users,
    IUserClaimsPrincipalFactory<ApplicationUser> principals,
    CaseManager.Application.Audit.IAuditLog audit,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Cookie or API key: a request with a Bearer header is judged by its key only, never by a cookie as well.</summary>
    public const string CookieOrKeyScheme = "CookieOrApiKey";

    public const string KeyIdClaim = "casemanager:api_key";
    public const string ScopesClaim = "casemanager:api_scopes";
    public const string CaseClaim = "casemanager:api_case";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var token = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var hash = ApiKeyToken.Hash(token);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.SecretHash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (key is null || !key.IsActive(now))
        {
            // Known keys only: unknown tokens would let anyone fill the log.
            if (key is not null)
            {
                await audit.RecordAsync(new CaseManager.Application.Audit.AuditEvent(CaseManager.Domain.Audit.AuditEventTypes.ApiKeyRejected, "apikey:" + key.Id,
                    $"{(key.RevokedAt is null ? "expired" : "revoked")} key '{key.Name}' used: {Request.Method} {Request.Path}") { Actor = "apikey:" + key.Prefix, ActorId = key.UserId });
            }

            return AuthenticateResult.Fail("The API key is unknown, expired or revoked.");
        }

        var owner = await users.FindByIdAsync(key.UserId);
        if (owner is null || owner.Disabled || await users.IsLockedOutAsync(owner))
        {
            return AuthenticateResult.Fail("The API key's account cannot sign in.");
        }

        var account = await principals.CreateAsync(owner);
        var accountIdentity = (ClaimsIdentity)account.Identity!;
        var identity = new ClaimsIdentity(account.Claims, SchemeName, accountIdentity.NameClaimType, accountIdentity.RoleClaimType);
        identity.AddClaim(new Claim(KeyIdClaim, key.Id.ToString()));
        identity.AddClaim(new Claim(ScopesClaim, ((int)key.Scopes).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (key.CaseId is { } caseId)
        {
            identity.AddClaim(new Claim(CaseClaim, caseId.ToString()));
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);

            // At most once a minute per key (with LastUsedAt), so chunked uploads do not flood the log.
            await audit.RecordAsync(new CaseManager.Application.Audit.AuditEvent(CaseManager.Domain.Audit.AuditEventTypes.ApiKeyUsed, "apikey:" + key.Id,
                $"'{key.Name}': {Request.Method} {Request.Path}") { Actor = owner.Email, ActorId = owner.Id });
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }

    /// <summary>The key's scopes when the request was made with a key; null for a cookie session (no narrowing).</summary>
    public static ApiKeyScopes? ScopesOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ScopesClaim), out var scopes) ? (ApiKeyScopes)scopes : null;
}

/// <summary>Refuses (403) a request made with an API key that lacks <paramref name="required"/>.</summary>
internal sealed class ApiScopeFilter(ApiKeyScopes required) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (ApiKeyAuthenticationHandler.ScopesOf(context.HttpContext.User) is { } scopes && !scopes.HasFlag(required))
        {
            return CaseManager.Web.Endpoints.ApiProblems.Result(StatusCodes.Status403Forbidden, $"The API key lacks the {required} scope.");
        }

        return await next(context);
    }
}
