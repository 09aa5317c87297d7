using System.Net;
using Hangfire;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CaseManager.Web.FunctionalTests.Pages;

public sealed class HealthTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task Health_WhenDatabaseAndJobStorageAnswer_Is200()
    {
        var response = await app.NewClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Health_WhenJobStorageFails_Is503()
    {
        var broken = Substitute.For<JobStorage>();
        broken.GetConnection().Returns(_ => throw new InvalidOperationException("storage down"));
        using var withBrokenStorage = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(broken)));

        var response = await withBrokenStorage.CreateClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
    }
}
