using CaseManager.Infrastructure.Data;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// Applies the migrations and seeds the first admin before the app serves anything. When that fails
/// (database unreachable, wrong password, seed settings missing in Production) the process does not exit,
/// which in a container would become a restart loop: it logs the reason, answers every request,
/// <c>/health</c> included, with 503 from a stand-in server on the app's own addresses, and retries every
/// <c>Startup:DatabaseRetrySeconds</c> (default 5) until the database is ready or the process is stopped.
/// </summary>
public static class DatabaseStartup
{
    public const string StandInMessage = "Unhealthy: the database is not ready (see the log).";

    /// <summary>Returns false when the process was asked to stop (or <paramref name="cancellationToken"/> fired) before the database became ready.</summary>
    public static async Task<bool> InitialiseAsync(WebApplication app, string[] args, CancellationToken cancellationToken = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CaseManager.Startup");
        var delay = TimeSpan.FromSeconds(app.Configuration.GetValue("Startup:DatabaseRetrySeconds", 5.0));
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        WebApplication? standIn = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var scope = app.Services.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<ApplicationDbContextInitialiser>().InitialiseAsync(stopping.Token);
                    if (app.Configuration.GetValue("Seed:Demo", false))
                    {
                        // Demo data (README, "Demo data"): once; a second start finds it and does nothing.
                        await scope.ServiceProvider.GetRequiredService<CaseManager.Infrastructure.Demo.DemoDataSeeder>()
                            .SeedAsync(app.Environment.IsProduction(), stopping.Token);
                    }

                    if (attempt > 1)
                    {
                        logger.LogInformation("Database ready after {Attempts} attempts; starting the application.", attempt);
                    }

                    return true;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    // The full exception once; afterwards one line per attempt.
                    logger.LogError(attempt == 1 ? ex : null,
                        "Database initialisation failed (attempt {Attempt}): {Reason} /health answers 503 until it succeeds; retrying in {Delay} s.",
                        attempt, ex.GetBaseException().Message, delay.TotalSeconds);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return false;
                }

                if (standIn is null)
                {
                    standIn = await StartStandInAsync(args, app.Environment);
                    standIn.Lifetime.ApplicationStopping.Register(stopping.Cancel);   // SIGTERM, Ctrl+C
                }

                try
                {
                    await Task.Delay(delay, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    logger.LogWarning("Stopped before the database became ready.");
                    return false;
                }
            }
        }
        finally
        {
            if (standIn is not null)
            {
                await standIn.StopAsync(CancellationToken.None);
                await standIn.DisposeAsync();
            }
        }
    }

    /// <summary>A bare server with the app's configuration (same URLs), answering 503 to everything.</summary>
    private static async Task<WebApplication> StartStandInAsync(string[] args, IWebHostEnvironment environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment.EnvironmentName,
            ContentRootPath = environment.ContentRootPath,
        });
        // Its "Application started" would mislead: only warnings and errors from the stand-in.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        var standIn = builder.Build();
        standIn.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(StandInMessage);
        });
        await standIn.StartAsync();
        return standIn;
    }
}
