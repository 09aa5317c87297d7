using System.Net;
using System.Net.Http.Json;
using CaseManager.Application.Evidence.Commands.OverrideKind;
using CaseManager.Domain.Evidence;
using CaseManager.Web.FunctionalTests.Security;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>
/// The evidence page shows the chain of custody (stored in English, hash-chained) in the reader's language: the template
/// words are translated, evidence kinds use the UI's kind names, the hashes and the "received from" note stay as written
/// and the chain still verifies. Uploads through the real web upload endpoint. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class CustodyDetailPagesTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : WebTestApp
{
    [SkippableFact]
    public async Task EvidencePage_ShowsCustodyInChinese_AndInEnglishAsStored()
    {
        var consultant = await App.SignedInClientAsync(App.ConsultantEmail);
        var token = await consultant.AntiforgeryTokenAsync($"/Cases/Evidence/Index/{App.CaseA}");
        var bytes = Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray(); // no magic, not text: detected as Other
        var begin = await PostJsonAsync(consultant, token, $"/api/evidence/cases/{App.CaseA}/uploads", new { fileName = "custody.bin", size = bytes.Length });
        var uploadId = (await begin.Content.ReadFromJsonAsync<UploadStarted>())!.UploadId;
        var chunk = new HttpRequestMessage(HttpMethod.Put, $"/api/evidence/uploads/{uploadId}?offset=0") { Content = new ByteArrayContent(bytes) };
        chunk.Headers.Add("RequestVerificationToken", token);
        (await consultant.SendAsync(chunk)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var complete = await PostJsonAsync(consultant, token, $"/api/evidence/uploads/{uploadId}/complete", new { receivedFrom = "client SFTP, ticket 4411" });
        var id = (await complete.Content.ReadFromJsonAsync<EvidenceCreated>())!.EvidenceId;
        await App.AsSystemAsync(async s =>
        {
            await s.Send(new OverrideEvidenceKindCommand(id, EvidenceKind.Script));
            return 0;
        });
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        var english = await consultant.GetStringAsync($"/Cases/Evidence/Details/{id}");
        english.ShouldContain($"from client SFTP, ticket 4411 (web upload from ");
        english.ShouldContain($"; {bytes.Length} bytes; sha256 {sha256}; sha1 ");
        english.ShouldContain("data-testid=\"custody-ok\"");

        consultant.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");
        var chinese = await consultant.GetStringAsync($"/Cases/Evidence/Details/{id}");
        chinese.ShouldContain("来源：client SFTP, ticket 4411（网页上传，来自 ");
        chinese.ShouldContain($"；{bytes.Length} 字节；sha256 {sha256}；sha1 ");
        chinese.ShouldContain("由 其他 改为 脚本");
        chinese.ShouldNotContain("web upload from");
        chinese.ShouldNotContain(" bytes; sha256");
        chinese.ShouldContain("data-testid=\"custody-ok\"", customMessage: "the stored text, and so the chain, is unchanged");
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string token, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return client.SendAsync(request);
    }

    private sealed record UploadStarted(Guid UploadId);

    private sealed record EvidenceCreated(Guid EvidenceId);
}

public sealed class CustodyDetailPagesOnSqliteTests(WebTestApp app) : CustodyDetailPagesTests<WebTestApp>(app), IClassFixture<WebTestApp>;

public sealed class CustodyDetailPagesOnPostgresTests(PostgresWebTestApp app) : CustodyDetailPagesTests<PostgresWebTestApp>(app), IClassFixture<PostgresWebTestApp>;
