using CaseManager.Infrastructure;
using CaseManager.Infrastructure.BackgroundJobs;
using CaseManager.Infrastructure.Data.Interceptors;
using CaseManager.Infrastructure.Evidence;
using CaseManager.Infrastructure.Health;
using CaseManager.Infrastructure.Identity;
using CaseManager.Infrastructure.Results;
using CaseManager.Application.Analysis;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureDependencyInjection
{
    public static void AddInfrastructureServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var roles = ProcessRoles.From(configuration);
        services.AddSingleton(roles);
        services.AddSingleton(TimeProvider.System);

        var dataDirectory = DataDirectory(builder);
        var postgres = configuration.GetConnectionString("Postgres");
        var usePostgres = !string.IsNullOrWhiteSpace(postgres);

        services.AddScoped<ISaveChangesInterceptor, AuditableEntityInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, DispatchDomainEventsInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, CaseManager.Infrastructure.Audit.AppendOnlyAuditInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, CaseManager.Infrastructure.Data.Caching.CaseDataChangeInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, UnreadNotificationsInterceptor>();
        services.AddMemoryCache();
        services.AddSingleton<CaseManager.Infrastructure.Data.Caching.CaseDataGeneration>();
        services.AddScoped<ICaseReadCache, CaseManager.Infrastructure.Data.Caching.CaseReadCache>();
        if (usePostgres)
        {
            // Parsed once here: the options lambda runs for every request's context.
            var dataConnection = TunedForQueries(postgres!);
            services.AddDbContext<ApplicationDbContext, PostgresApplicationDbContext>((sp, options) => options
                .UseNpgsql(dataConnection, o => o.MigrationsAssembly(typeof(ApplicationDbContext).Assembly.FullName))
                .AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
        }
        else
        {
            var file = Path.Combine(dataDirectory, "casemanager.db");
            services.AddDbContext<ApplicationDbContext, SqliteApplicationDbContext>((sp, options) => options
                .UseSqlite($"Data Source={file};Default Timeout=60;Pooling=True")
                .AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
        services.AddScoped<ApplicationDbContextInitialiser>();
        services.AddScoped<CaseManager.Infrastructure.Demo.DemoDataSeeder>();
        services.AddScoped<ICaseNumberGenerator, CaseNumberGenerator>();
        services.AddSingleton<CaseManager.Application.Notes.IMarkdownRenderer, CaseManager.Infrastructure.Notes.MarkdownRenderer>();

        services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager<ApplicationSignInManager>()
            .AddClaimsPrincipalFactory<ApplicationClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddSingleton<TotpAuthenticatorTokenProvider>();
        services.AddSingleton<CaseManager.Application.Administration.ITwoFactorPolicy, TwoFactorPolicy>();
        services.AddScoped<CaseManager.Application.Audit.IAuditLog, CaseManager.Infrastructure.Audit.AuditLog>();
        services.AddScoped<CaseManager.Application.Reports.IReportGenerator, CaseManager.Infrastructure.Reports.ReportGenerator>();
        services.AddOptions<CaseManager.Application.Audit.AuditOptions>().Bind(configuration.GetSection(CaseManager.Application.Audit.AuditOptions.SectionName));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOptions<SignInLimitsOptions>().Bind(configuration.GetSection(SignInLimitsOptions.SectionName));
        services.AddSingleton<SignInFailures>();
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddScoped<SessionCheck>();

        services.AddScoped<JobContext>();
        services.AddScoped<INotificationQueue, HangfireNotificationQueue>();
        var pollInterval = TimeSpan.FromSeconds(configuration.GetValue("Hangfire:QueuePollIntervalSeconds", 1.0));

        // A job whose worker died (killed, crashed) becomes visible to other workers again after this time.
        var invisibility = TimeSpan.FromSeconds(configuration.GetValue("Hangfire:InvisibilityTimeoutSeconds", 1800.0));
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (usePostgres)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = pollInterval,
                    InvisibilityTimeout = invisibility,
                    UseSlidingInvisibilityTimeout = true,   // a long analysis is never handed to a second worker
                });
            }
            else
            {
                config.UseSQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = pollInterval, InvisibilityTimeout = invisibility });
            }
        });
        if (roles.Worker)
        {
            services.AddHangfireServer(options =>
            {
                options.Queues = JobQueues.All;
                options.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", Math.Max(2, Environment.ProcessorCount));
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        // Analysers: stateless and streaming, one instance per process.
        services.AddAnalysers();

        // Evidence: outside the web root (default DataDirectory/evidence), content-addressed, read-only.
        services.AddOptions<EvidenceStorageOptions>()
            .Bind(configuration.GetSection(EvidenceStorageOptions.SectionName))
            .PostConfigure(o => o.RootDirectory = string.IsNullOrWhiteSpace(o.RootDirectory)
                ? Path.Combine(dataDirectory, "evidence")
                : Path.GetFullPath(o.RootDirectory));
        services.AddOptions<CaseManager.Application.Evidence.UploadQuotaOptions>()
            .Bind(configuration.GetSection(CaseManager.Application.Evidence.UploadQuotaOptions.SectionName));
        services.AddOptions<CaseManager.Application.Remediation.RemediationProofOptions>()
            .Bind(configuration.GetSection(CaseManager.Application.Remediation.RemediationProofOptions.SectionName));
        services.AddSingleton<IEvidenceStore, FileSystemEvidenceStore>();
        services.AddSingleton<IEvidencePackager, ZipEvidencePackager>();
        services.AddSingleton<IAnalysisRunStore, SqliteAnalysisRunStore>();
        services.AddScoped<IEvidenceAnalysisQueue, HangfireEvidenceAnalysisQueue>();

        // Reports: files outside the web root (default DataDirectory/reports), content-addressed, read-only.
        services.AddOptions<CaseManager.Infrastructure.Reports.ReportStorageOptions>()
            .Bind(configuration.GetSection(CaseManager.Infrastructure.Reports.ReportStorageOptions.SectionName))
            .PostConfigure(o => o.RootDirectory = string.IsNullOrWhiteSpace(o.RootDirectory)
                ? Path.Combine(dataDirectory, "reports")
                : Path.GetFullPath(o.RootDirectory));
        services.AddSingleton<CaseManager.Application.Reports.IReportFileStore, CaseManager.Infrastructure.Reports.FileSystemReportFileStore>();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobStorageHealthCheck>("jobs");
    }

    /// <summary>Where SQLite files live: config <c>DataDirectory</c>, default <c>data/</c> beside the app; created on first start.</summary>
    private static string DataDirectory(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration["DataDirectory"];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.Environment.ContentRootPath, "data")
            : configured);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// The data context's PostgreSQL connection, unless the operator's string says otherwise: statements a connection runs
    /// twice are prepared (the server plans them once, not on every request: planning was most of its time per page),
    /// and a connection back in the pool is not reset (the application sets no session state; the reset was one more
    /// round trip per query).
    /// </summary>
    internal static string TunedForQueries(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!Given("Auto Prepare Min Usages"))
            {
                builder.AutoPrepareMinUsages = 2;
            }
        }

        if (!Given("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;

        // Npgsql reads a keyword with or without its spaces, in any case.
        bool Given(string keyword) => given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", string.Empty, StringComparison.Ordinal), keyword.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }
}
