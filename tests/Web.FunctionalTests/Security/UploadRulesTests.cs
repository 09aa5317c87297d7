using System.Net;
using CaseManager.Application.Cases.Commands.AllowClientUploads;
using CaseManager.Application.Cases.Commands.ChangeCasePhase;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>
/// Probe findings: uploads still worked on a Closed case; the chunk endpoint skipped the client-upload rule; a chunk over
/// 64 MiB answered 500; bidirectional and format characters were accepted in file names.
/// </summary>
public sealed class UploadRulesTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task ClosedCase_RefusesBeginChunkAndComplete_ForStaffAndClients()
    {
        var caseId = await app.AsSystemAsync(s => s.Send(new OpenCaseCommand(app.ClientA, "Soon closed", null, Severity.Low, TrafficLightProtocol.Green)));
        await app.AsSystemAsync(async s => await s.Send(new AllowClientUploadsCommand(caseId, true)));
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await Uploads.TokenAsync(consultant, caseId);
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        var clientToken = await Uploads.TokenAsync(clientUser, caseId, portal: true);
        var staffUpload = await Uploads.UploadIdAsync(await Uploads.BeginAsync(consultant, token, caseId, "before.bin", 6));
        var clientUpload = await Uploads.UploadIdAsync(await Uploads.BeginAsync(clientUser, clientToken, caseId, "before.log", 6));

        await app.AsSystemAsync(async s => await s.Send(new ChangeCasePhaseCommand(caseId, CasePhase.Closed, "engagement over")));

        (await Uploads.BeginAsync(consultant, token, caseId, "after.bin", 6)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Uploads.BeginAsync(clientUser, clientToken, caseId, "after.log", 6)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Uploads.PutAsync(consultant, token, staffUpload, 0, new ByteArrayContent("abcdef"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Uploads.PutAsync(clientUser, clientToken, clientUpload, 0, new ByteArrayContent("abcdef"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Uploads.CompleteAsync(consultant, token, staffUpload)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await consultant.GetStringAsync($"/Cases/Evidence/Index/{caseId}")).ShouldNotContain("id=\"uploader\"");
        (await clientUser.GetStringAsync($"/Portal/Evidence/Index/{caseId}")).ShouldNotContain("id=\"uploader\"");
    }

    [Fact]
    public async Task ClientUser_CannotAppendToAStaffUpload_NorContinueAfterUploadsAreRevoked()
    {
        var caseId = await app.AsSystemAsync(s => s.Send(new OpenCaseCommand(app.ClientA, "Chunk rules", null, Severity.Low, TrafficLightProtocol.Green)));
        await app.AsSystemAsync(async s => await s.Send(new AllowClientUploadsCommand(caseId, true)));
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await Uploads.TokenAsync(consultant, caseId);
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        var clientToken = await Uploads.TokenAsync(clientUser, caseId, portal: true);
        var staffUpload = await Uploads.UploadIdAsync(await Uploads.BeginAsync(consultant, token, caseId, "staff.bin", 6));
        var clientUpload = await Uploads.UploadIdAsync(await Uploads.BeginAsync(clientUser, clientToken, caseId, "mine.log", 6));

        var intoStaffUpload = await Uploads.PutAsync(clientUser, clientToken, staffUpload, 0, new ByteArrayContent("evil!!"u8.ToArray()));
        intoStaffUpload.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clientUser.GetAsync($"/api/evidence/uploads/{staffUpload}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Uploads.PutAsync(clientUser, clientToken, clientUpload, 0, new ByteArrayContent("abc"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.AsSystemAsync(async s => await s.Send(new AllowClientUploadsCommand(caseId, false)));

        (await Uploads.PutAsync(clientUser, clientToken, clientUpload, 3, new ByteArrayContent("def"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Uploads.CompleteAsync(clientUser, clientToken, clientUpload)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Uploads.PutAsync(consultant, token, staffUpload, 0, new ByteArrayContent("abcdef"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("invoice\u202Etxt.exe")]
    [InlineData("report\u2066.pdf\u2069.exe")]
    [InlineData("zero\u200Bwidth.exe")]
    [InlineData("mark\u200Fright.exe")]
    [InlineData("soft\u00ADhyphen.exe")]
    [InlineData("line\u2028separator.exe")]
    [InlineData("bom\uFEFF.exe")]
    public async Task FileNames_WithBidiOrFormatCharacters_AreRefused(string name)
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await Uploads.TokenAsync(consultant, app.CaseA);

        var response = await Uploads.BeginAsync(consultant, token, app.CaseA, name, 10);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

/// <summary>The app on a real Kestrel port: only Kestrel enforces the request body limit.</summary>
public sealed class KestrelWebTestApp() : WebTestApp(new SqliteTestDatabase(), kestrel: true);

public sealed class ChunkSizeLimitTests(KestrelWebTestApp app) : IClassFixture<KestrelWebTestApp>
{
    [Fact]
    public async Task AChunkOver64MiB_Is413ProblemDetails_NotA500()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() };
        using var consultant = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        (await consultant.PostFormAsync("/Account/Login", new() { ["Input.Email"] = app.ConsultantEmail, ["Input.Password"] = WebTestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await Uploads.TokenAsync(consultant, app.CaseA);
        const long size = (64L * 1024 * 1024) + 1;
        var uploadId = await Uploads.UploadIdAsync(await Uploads.BeginAsync(consultant, token, app.CaseA, "too-big-chunk.raw", size));

        // As curl sends a large body: "Expect: 100-continue", so the refusal arrives before the bytes are sent.
        consultant.DefaultRequestHeaders.ExpectContinue = true;
        var response = await Uploads.PutAsync(consultant, token, uploadId, 0, new StreamContent(new GeneratedStream(0, size)) { Headers = { ContentLength = size } });
        consultant.DefaultRequestHeaders.ExpectContinue = false;

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await consultant.GetAsync($"/api/evidence/uploads/{uploadId}")).StatusCode.ShouldBe(HttpStatusCode.OK, "the upload survives and can go on in smaller chunks");
    }
}
