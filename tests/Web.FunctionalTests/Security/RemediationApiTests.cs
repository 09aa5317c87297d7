using System.Net;
using System.Text.Json;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>GET /api/cases/{id}/remediation: staff (cookie) read it, client users and anonymous callers do not, unknown cases are 404.</summary>
public sealed class RemediationApiTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task Staff_ReadTheChecklist_OthersAreRefused()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var response = await consultant.GetAsync($"/api/cases/{app.CaseA}/remediation");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("caseId").GetGuid().ShouldBe(app.CaseA);
        json.RootElement.GetProperty("items").ValueKind.ShouldBe(JsonValueKind.Array);
        json.RootElement.GetProperty("stages").GetArrayLength().ShouldBe(4);
        (await consultant.GetAsync($"/api/cases/{app.CaseB}/remediation")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var missing = await consultant.GetAsync($"/api/cases/{Guid.NewGuid()}/remediation");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        (await clientUser.GetAsync($"/api/cases/{app.CaseA}/remediation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clientUser.GetAsync($"/api/cases/{app.CaseB}/remediation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.NewClient().GetAsync($"/api/cases/{app.CaseA}/remediation")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var openApi = await consultant.GetStringAsync("/api/openapi/v1.json");
        openApi.ShouldContain("/api/cases/{id}/remediation");
    }
}
