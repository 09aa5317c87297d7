using System.Net;
using System.Text.Json;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>Issue #15 item 5: an OpenAPI document of the JSON API and a reference page, for staff only.</summary>
public sealed class OpenApiTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task Staff_GetTheOpenApiDocument_WithEveryApiRoute()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var response = await consultant.GetAsync("/api/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/evidence/cases/{caseId}/uploads");
        paths.ShouldContain("/api/evidence/uploads/{id}");
        paths.ShouldContain("/api/evidence/uploads/{id}/complete");
        paths.ShouldContain("/api/evidence/cases/{caseId}/status");
        paths.ShouldContain("/api/cases/{id}/timeline");
    }

    [Fact]
    public async Task TheDocument_IsNotForClientsOrAnonymous()
    {
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);

        (await clientUser.GetAsync("/api/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.NewClient().GetAsync("/api/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheReferencePage_ListsTheOperations()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var html = await consultant.GetStringAsync("/Docs/Api");

        html.ShouldContain("/api/evidence/cases/");
        html.ShouldContain("id=\"openapi-document\"");
    }
}
