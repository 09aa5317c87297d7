using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Domain.Identity;
using CaseManager.Web;
using CaseManager.Web.Services;
using Microsoft.AspNetCore.Authorization;
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
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);

            // API calls get 401 instead of a redirect to the login page.
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
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
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "casemanager.af";
            o.HeaderName = "RequestVerificationToken";
        });
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
                options.Conventions.AuthorizeFolder("/Notifications", Policies.Staff);
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Culture");
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Portal", Policies.Client);
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<ApplicationExceptionFilter>();
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
    }
}
