using CaseManager.Domain.Identity;
using CaseManager.Infrastructure;
using CaseManager.Infrastructure.BackgroundJobs;
using CaseManager.Web.Endpoints;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();
builder.AddInfrastructureServices();
builder.AddWebServices();

var app = builder.Build();

// Migrations and seed; while the database is not ready the log says why and /health answers 503.
if (!await DatabaseStartup.InitialiseAsync(app, args))
{
    return;
}

try
{
    MaintenanceJobs.Schedule(app.Services.GetRequiredService<IRecurringJobManager>());
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // The job store is down: the app still starts (/health reports it); the next start schedules the jobs.
    app.Logger.LogWarning(e, "Could not schedule the maintenance jobs");
}

// First: the real client address and scheme behind a TLS proxy, then the hardening headers on every response.
app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();

app.MapHealthChecks("/health", new HealthCheckOptions
{
    ResultStatusCodes =
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status200OK,
        [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
    },
}).AllowAnonymous();

if (app.Services.GetRequiredService<ProcessRoles>().Web)
{
    if (!app.Environment.IsDevelopment())
    {
        app.UseWhen(context => ApiProblems.IsApi(context.Request), api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => ApiProblems.Result(StatusCodes.Status500InternalServerError).ExecuteAsync(context),
        }));
        app.UseWhen(context => !ApiProblems.IsApi(context.Request), pages => pages.UseExceptionHandler("/Error"));
        app.UseHsts();
    }

    app.UseApiProblemsOrErrorPages();
    app.UseRequestLocalization();
    app.UseStaticFiles();
    app.UseRouting();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseMiddleware<CaseManager.Web.Infrastructure.TwoFactorEnrolmentMiddleware>();
    app.MapRazorPages();
    app.MapEvidenceApi();
    app.MapCollectorApi();
    app.MapCaseIntelligenceApi();
    app.MapRemediationApi();
    app.MapTimelineApi();
    app.MapReportApi();
    app.MapOpenApi("/api/openapi/{documentName}.json")
        .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(Policies.Staff) { AuthenticationSchemes = ApiKeyAuthenticationHandler.CookieOrKeyScheme });
    app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/admin/jobs", new DashboardOptions
    {
        DashboardTitle = "CaseManager jobs",
        AppPath = "/",
    });
}

await app.RunAsync();

public partial class Program;
