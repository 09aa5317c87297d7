using System.Net;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>Probe finding: a POST to a page without that handler rendered the page without its model (NullReferenceException, 500).</summary>
public sealed class MissingHandlerTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Theory]
    [InlineData("staff", "/Cases/Details/{caseA}")]
    [InlineData("staff", "/Cases/Intake/Edit/{caseA}")]
    [InlineData("staff", "/Cases/Evidence/Details/{evidence}")]
    [InlineData("staff", "/Cases/Evidence/Index/{caseA}")]
    [InlineData("staff", "/Cases/Index")]
    [InlineData("staff", "/Notifications")]
    [InlineData("staff", "/Cases/Intake/History/{caseA}")]
    [InlineData("client", "/Portal/Intake/Edit/{caseA}")]
    [InlineData("client", "/Portal/Cases/Details/{caseA}")]
    [InlineData("client", "/Portal")]
    public async Task Post_WithoutAMatchingHandler_Is405_NotA500(string who, string route)
    {
        var client = await app.SignedInClientAsync(who == "staff" ? app.ConsultantEmail : app.ClientUserAEmail);
        var url = route.Replace("{caseA}", app.CaseA.ToString(), StringComparison.Ordinal)
            .Replace("{evidence}", (await EvidenceIdAsync()).ToString(), StringComparison.Ordinal);
        var token = await client.AntiforgeryTokenAsync(url);

        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var unknownHandler = await client.PostAsync(url + "?handler=NoSuchHandler", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var unknownGetHandler = await client.GetAsync(url + "?handler=NoSuchHandler");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        unknownHandler.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        unknownGetHandler.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
    }

    private Guid? _evidence;

    private async Task<Guid> EvidenceIdAsync()
    {
        if (_evidence is { } known)
        {
            return known;
        }

        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        _evidence = await Uploads.UploadAsync(client, app.CaseA, "note.txt", "hello\n"u8.ToArray());
        return _evidence.Value;
    }
}
