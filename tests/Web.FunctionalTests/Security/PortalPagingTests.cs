using System.Text.RegularExpressions;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>Probe (info): /Portal listed every case of the organisation on one page.</summary>
public sealed partial class PortalPagingTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task Portal_ListsCasesInPagesOf25()
    {
        for (var i = 0; i < 30; i++)
        {
            await app.AsSystemAsync(s => s.Send(new OpenCaseCommand(app.ClientB, $"Paged case {i}", null, Severity.Low, TrafficLightProtocol.Green)));
        }

        var client = await app.SignedInClientAsync(app.ClientUserBEmail);

        var first = await client.GetStringAsync("/Portal");
        var second = await client.GetStringAsync("/Portal?p=2");

        CaseLinks().Matches(first).Count.ShouldBe(25);
        first.ShouldContain("rel=\"next\"");
        CaseLinks().Matches(second).Count.ShouldBe(31 - 25);
        second.ShouldContain("rel=\"prev\"");
    }

    [GeneratedRegex("href=\"/Portal/Cases/Details/[0-9a-f-]{36}\"")]
    private static partial Regex CaseLinks();
}
