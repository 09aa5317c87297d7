using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Domain.Identity;
using CaseManager.Infrastructure.Identity;
using CaseManager.Web;
using CaseManager.Web.Endpoints;
using CaseManager.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class WebDependencyInjection
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("zh-CN")];

    public static void AddWebServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped<ICurrentUser, CurrentUser>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Consultant))
            .AddPolicy(Policies.Client, p => p.RequireRole(Roles.Client))
            .AddPolicy(Policies.StaffOrClient, p => p.RequireRole(Roles.Admin, Roles.Consultant, Roles.Client))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "casemanager.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure behind a TLS proxy (forwarded headers)
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);

            // API calls get 401 instead of a redirect to the login page.
            options.Events.OnRedirectToLogin = context =>
            {
                if (ApiProblems.IsApi(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };

            // A signed-in user without the right role gets a real 403 (rendered by the status-code page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };

            // The cookie must carry the account's current security stamp on every request, not only once a minute:
            // sign-out changes the stamp, so a copy of the cookie stops working at once. (The periodic validation still
            // renews the cookie's roles and claims.)
            options.Events.OnValidatePrincipal = async context =>
            {
                await SecurityStampValidator.ValidatePrincipalAsync(context);
                if (context.Principal?.Identity?.IsAuthenticated == true)
                {
                    var session = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
                    if (!await session.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                }
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "casemanager.af";
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SuppressXFrameOptionsHeader = true; // SecurityHeadersMiddleware sends DENY on every response
        });

        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(ApiKeyAuthenticationHandler.CookieOrKeyScheme, null, o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.HasBearer(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        AddProxySupport(builder);
        AddSignInRateLimit(builder);
        services.AddProblemDetails();
        services.AddOpenApi(); // document at /api/openapi/v1.json (staff), reference page /Docs/Api
        services.AddSingleton<CaseManager.Web.Endpoints.AntiforgeryFilter>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<IStartupFilter, CaseManager.Web.Infrastructure.ValidationDisplayNames>();
        services.AddSingleton<IConfigureOptions<MvcOptions>, CaseManager.Web.Infrastructure.LocalizedBindingMessages>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Cases", Policies.Staff);
                options.Conventions.AuthorizeFolder("/Clients", Policies.Staff);
                // /Notifications: every signed-in role has an inbox (the fallback policy requires sign-in).
                options.Conventions.AuthorizeFolder("/Docs", Policies.Staff);
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/LoginTwoFactor");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Culture");
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Portal", Policies.Client);
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<MissingHandlerFilter>();
                o.Filters.Add<ApplicationExceptionFilter>();
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
    }

    /// <summary>
    /// Behind a TLS-terminating proxy: X-Forwarded-For and X-Forwarded-Proto are believed from loopback and from the
    /// addresses and networks in ForwardedHeaders:KnownProxies / ForwardedHeaders:KnownNetworks (comma-separated), so
    /// HSTS, Secure cookies and per-address limits see the real scheme and client.
    /// </summary>
    private static void AddProxySupport(IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in Split(section["KnownProxies"]))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in Split(section["KnownNetworks"]))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        static IEnumerable<string> Split(string? list) =>
            (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Sign-in attempts (POST /Account/Login and the second step /Account/LoginTwoFactor) per client address: SignIn:RateLimit:PermitLimit per WindowSeconds, then 429 with Retry-After.</summary>
    private static void AddSignInRateLimit(IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(SignInLimitsOptions.SectionName).Get<SignInLimitsOptions>() ?? new SignInLimitsOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && (context.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase)
                    || context.Request.Path.Equals("/Account/LoginTwoFactor", StringComparison.OrdinalIgnoreCase))
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "sign-in|" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limits.RateLimit.PermitLimit,
                            Window = TimeSpan.FromSeconds(limits.RateLimit.WindowSeconds),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
    }
}
