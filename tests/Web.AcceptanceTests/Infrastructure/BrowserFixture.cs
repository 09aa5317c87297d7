using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Infrastructure.BackgroundJobs;
using Microsoft.Extensions.DependencyInjection;
namespace CaseManager.Web.AcceptanceTests.Infrastructure;

/// <summary>
/// One real Kestrel host (SQLite; <see cref="PostgresBrowserFixture"/> for PostgreSQL) and one headless Debian Chromium for a test class.
/// Playwright never downloads a browser here: it drives /usr/bin/chromium (override with CHROMIUM_PATH).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(worker: false)
    {
    }

    protected BrowserFixture(bool worker)
        : this(new SqliteTestDatabase(), worker)
    {
    }

    protected BrowserFixture(TestDatabase database, bool worker) => App = new TestApp(database, worker, kestrel: true);

    public TestApp App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
            {
                directory = directory.Parent;
            }

            var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>Uploads evidence to a case as the system and runs its analysis job in the test's own scope.</summary>
    public async Task<Guid> UploadAndAnalyseAsync(Guid caseId, string name, byte[] bytes)
    {
        var uploadId = await App.AsSystemAsync(s => s.Send(new BeginEvidenceUploadCommand(caseId, name, bytes.Length)));
        await App.AsSystemAsync(s => s.Send(new AppendEvidenceChunkCommand(uploadId, 0, new MemoryStream(bytes))));
        var evidenceId = await App.AsSystemAsync(s => s.Send(new CompleteEvidenceUploadCommand(uploadId, "test")));
        await App.InScopeAsync(async sp =>
        {
            await ActivatorUtilities.CreateInstance<EvidenceAnalysisJob>(sp).RunAsync(evidenceId, CancellationToken.None);
            return 0;
        });
        return evidenceId;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, Locale = "en-US" });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

/// <summary>The same, with a Hangfire worker in the host, for pages that show background work.</summary>
public sealed class WorkerBrowserFixture() : BrowserFixture(worker: true);

/// <summary>
/// The same on a fresh PostgreSQL database of the server in <c>ConnectionStrings__Postgres</c>; without one the app is
/// not started and tests using it skip (<see cref="TestDatabase.IsAvailable"/>).
/// </summary>
public sealed class PostgresBrowserFixture() : BrowserFixture(new PostgresTestDatabase(), worker: false);
