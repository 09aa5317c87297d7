using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CaseManager.Application.Cases.Commands.AllowClientUploads;
using CaseManager.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.FunctionalTests.Security;

public sealed class PostgresWebTestApp : WebTestApp
{
    public PostgresWebTestApp()
        : base(new PostgresTestDatabase())
    {
    }
}

/// <summary>
/// Issue #15 item 4: personal access tokens, stored hashed, with scopes (read, upload, upload to one case), expiry and
/// revocation; Bearer on /api; never more rights than their owner. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract partial class ApiKeyTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : WebTestApp
{
    [SkippableFact]
    public async Task ACollectorKey_UploadsToItsOneCase_AndNothingElse()
    {
        var consultant = await App.SignedInClientAsync(App.ConsultantEmail);
        var token = await CreateKeyAsync(consultant, "collector", App.CaseA);
        var key = Bearer(token);
        var bytes = "collected by the agent\n"u8.ToArray();

        var begin = await PostJsonAsync(key, $"/api/evidence/cases/{App.CaseA}/uploads", new { fileName = "agent.log", size = bytes.Length });
        var uploadId = await Uploads.UploadIdAsync(begin);
        (await key.PutAsync($"/api/evidence/uploads/{uploadId}?offset=0", new ByteArrayContent(bytes))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostJsonAsync(key, $"/api/evidence/uploads/{uploadId}/complete", new { receivedFrom = "agent" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var otherCase = await PostJsonAsync(key, $"/api/evidence/cases/{App.CaseB}/uploads", new { fileName = "agent.log", size = 5 });
        otherCase.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        otherCase.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var read = await key.GetAsync($"/api/evidence/cases/{App.CaseA}/status");
        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a collector key has no read scope");
        read.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await key.GetAsync($"/Cases/Details/{App.CaseA}")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "keys open the API, not the pages");
        (await App.InDbAsync(db => db.ApiKeys.SingleAsync(k => k.Prefix == token.Substring(0, 12)))).SecretHash.ShouldNotContain(token[4..]);
    }

    [SkippableFact]
    public async Task AReadKey_ReadsButCannotUpload()
    {
        var consultant = await App.SignedInClientAsync(App.ConsultantEmail);
        var key = Bearer(await CreateKeyAsync(consultant, "read"));

        (await key.GetAsync($"/api/evidence/cases/{App.CaseA}/status")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostJsonAsync(key, $"/api/evidence/cases/{App.CaseA}/uploads", new { fileName = "x.log", size = 5 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task AClientUsersKey_HasNoMoreRightsThanTheClientUser()
    {
        await App.AsSystemAsync(async s => await s.Send(new AllowClientUploadsCommand(App.CaseA, true)));
        var clientUser = await App.SignedInClientAsync(App.ClientUserAEmail);
        var key = Bearer(await CreateKeyAsync(clientUser, "read-upload"));

        (await key.GetAsync($"/api/evidence/cases/{App.CaseA}/status")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the status is for staff only");
        (await PostJsonAsync(key, $"/api/evidence/cases/{App.CaseB}/uploads", new { fileName = "x.log", size = 5 })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another tenant's case");
        (await PostJsonAsync(key, $"/api/evidence/cases/{App.CaseA}/uploads", new { fileName = "x.log", size = 5 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await App.AsSystemAsync(async s => await s.Send(new AllowClientUploadsCommand(App.CaseA, false)));
        (await PostJsonAsync(key, $"/api/evidence/cases/{App.CaseA}/uploads", new { fileName = "x.log", size = 5 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "uploads were revoked");
    }

    [SkippableFact]
    public async Task RevokedExpiredUnknownAndDisabledOwnersKeys_Get401ProblemDetails()
    {
        var email = $"keys-{Guid.NewGuid():N}@web.test";
        await App.CreateUserAsync(email, Roles.Consultant, null);
        var owner = await App.SignedInClientAsync(email);
        var revoked = await CreateKeyAsync(owner, "read");
        var expired = await CreateKeyAsync(owner, "read");
        var disabledOwners = await CreateKeyAsync(owner, "read");
        var url = $"/api/evidence/cases/{App.CaseA}/status";
        (await Bearer(revoked).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var revokedRow = await App.InDbAsync(db => db.ApiKeys.SingleAsync(k => k.Prefix == revoked.Substring(0, 12)));
        (await owner.PostFormAsync($"/Account/ApiKeys?handler=Revoke&id={revokedRow.Id}", new(), formPage: "/Account/ApiKeys")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await owner.GetStringAsync("/Account/ApiKeys")).ShouldContain(revokedRow.Prefix);
        await App.InDbAsync(db => db.ApiKeys.Where(k => k.Prefix == expired.Substring(0, 12))
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        foreach (var (what, token) in new[] { ("revoked", revoked), ("expired", expired), ("unknown", "cmk_" + new string('A', 43)) })
        {
            var response = await Bearer(token).GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, what);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
        }

        (await Bearer(disabledOwners).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await App.InDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true)));
        (await Bearer(disabledOwners).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the owner was disabled");
    }

    private static async Task<string> CreateKeyAsync(HttpClient owner, string kind, Guid? caseId = null)
    {
        var response = await owner.PostFormAsync("/Account/ApiKeys?handler=Create", new()
        {
            ["Name"] = $"{kind} key",
            ["Kind"] = kind,
            ["CaseId"] = caseId?.ToString() ?? string.Empty,
            ["ExpiresInDays"] = "30",
        }, formPage: "/Account/ApiKeys");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return NewToken().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new ShouldAssertException("No token on the page:\n" + html);
    }

    private HttpClient Bearer(string token)
    {
        var client = App.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body) => client.PostAsync(url, JsonContent.Create(body));

    [GeneratedRegex("<code id=\"new-token\" class=\"mono\">(cmk_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex NewToken();
}

public sealed class SqliteApiKeyTests(WebTestApp app) : ApiKeyTests<WebTestApp>(app), IClassFixture<WebTestApp>;

public sealed class PostgresApiKeyTests(PostgresWebTestApp app) : ApiKeyTests<PostgresWebTestApp>(app), IClassFixture<PostgresWebTestApp>;
