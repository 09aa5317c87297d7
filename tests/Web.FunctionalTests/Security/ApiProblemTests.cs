using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>The app with a logger that keeps every error-level entry.</summary>
public sealed class LogCapturingApp : WebTestApp
{
    public ErrorLogs Errors { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ILoggerProvider>(Errors);
    }
}

public sealed class ErrorLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}");
            }
        }
    }
}

/// <summary>Probe (info): API errors came back as HTML pages; expected 409 offset mismatches were logged as failures.</summary>
public sealed class ApiProblemTests(LogCapturingApp app) : IClassFixture<LogCapturingApp>
{
    [Fact]
    public async Task EveryApiError_IsProblemDetails()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await Uploads.TokenAsync(consultant, app.CaseA);
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);

        var answers = new List<(string What, HttpStatusCode Expected, HttpResponseMessage Response)>
        {
            ("anonymous", HttpStatusCode.Unauthorized, await app.NewClient().GetAsync($"/api/evidence/uploads/{Guid.NewGuid()}")),
            ("no antiforgery token", HttpStatusCode.BadRequest, await consultant.PostAsync($"/api/evidence/cases/{app.CaseA}/uploads", JsonContent.Create(new { fileName = "a", size = 1 }))),
            ("validation", HttpStatusCode.BadRequest, await Uploads.BeginAsync(consultant, token, app.CaseA, "empty.bin", 0)),
            ("unknown upload", HttpStatusCode.NotFound, await consultant.GetAsync($"/api/evidence/uploads/{Guid.NewGuid()}")),
            ("unknown case", HttpStatusCode.NotFound, await Uploads.BeginAsync(consultant, token, Guid.NewGuid(), "a.bin", 1)),
            ("client on a staff route", HttpStatusCode.Forbidden, await clientUser.GetAsync($"/api/evidence/cases/{app.CaseA}/status")),
            ("no such API route", HttpStatusCode.NotFound, await consultant.GetAsync("/api/no-such-thing")),
        };

        foreach (var (what, expected, response) in answers)
        {
            response.StatusCode.ShouldBe(expected, what);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
            var problem = await response.Content.ReadFromJsonAsync<Problem>();
            problem!.Status.ShouldBe((int)expected, what);
            problem.Title.ShouldNotBeNullOrEmpty(what);
        }
    }

    [Fact]
    public async Task OffsetMismatch_Is409ProblemWithTheOffset_AndNotLoggedAsAFailure()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await Uploads.TokenAsync(consultant, app.CaseA);
        var uploadId = await Uploads.UploadIdAsync(await Uploads.BeginAsync(consultant, token, app.CaseA, "resume.bin", 10));
        (await Uploads.PutAsync(consultant, token, uploadId, 0, new ByteArrayContent([1, 2, 3, 4]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Errors.Entries.Clear();

        var repeated = await Uploads.PutAsync(consultant, token, uploadId, 0, new ByteArrayContent([1, 2, 3, 4]));

        repeated.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        repeated.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await repeated.Content.ReadFromJsonAsync<Problem>())!.Offset.ShouldBe(4);
        app.Errors.Entries.ShouldBeEmpty();
    }

    private sealed record Problem(string? Type, string? Title, int Status, long? Offset);
}
