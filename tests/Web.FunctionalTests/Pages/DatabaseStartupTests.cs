using System.Net;
using System.Net.Sockets;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>A database that is not reachable at start: the process stays up, answers 503 on its own port and retries, instead of exiting.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task UnreachableDatabaseAtStart_EveryRequestIs503_UntilStopped()
    {
        var port = FreeLoopbackPort();
        var data = Directory.CreateTempSubdirectory("casemanager-startup-");
        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3",
            $"--DataDirectory={data.FullName}",
            "--ProcessRoles=web",
            "--Startup:DatabaseRetrySeconds=0.2",
        ];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();
        builder.AddInfrastructureServices();
        builder.AddWebServices();
        await using var app = builder.Build();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        try
        {
            var startup = DatabaseStartup.InitialiseAsync(app, args, stop.Token);

            var health = await FirstAnswerAsync(http, "/health");
            health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await health.Content.ReadAsStringAsync()).ShouldBe(DatabaseStartup.StandInMessage);
            (await http.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            await Task.Delay(500);
            startup.IsCompleted.ShouldBeFalse("it keeps retrying");

            await stop.CancelAsync();
            (await startup).ShouldBeFalse();
            await Should.ThrowAsync<HttpRequestException>(() => http.GetAsync("/health"));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> FirstAnswerAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await http.GetAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
