using CaseManager.Domain.Identity;
using CaseManager.Infrastructure;
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
        app.UseExceptionHandler("/Error");
        app.UseHsts();
    }

    app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
    app.UseRequestLocalization();
    app.UseStaticFiles();
    app.UseRouting();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapRazorPages();
    app.MapEvidenceApi();
    app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/admin/jobs", new DashboardOptions
    {
        DashboardTitle = "CaseManager jobs",
        AppPath = "/",
    });
}

await app.RunAsync();

public partial class Program;
