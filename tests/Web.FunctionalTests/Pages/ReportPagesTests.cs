using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>
/// Issue 14 over HTTP: the report API's status codes and download headers, the staff reports page (the reviewer rule
/// as a user sees it) and the portal's published-reports list, with the bytes' SHA-256 equal to the one shown.
/// </summary>
public sealed class ReportPagesTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task Report_GeneratedSubmittedApprovedByAnother_IsDownloadedByTheClient_WithTheShownSha256()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var admin = await app.AdminAsync();
        var clientA = await app.SignedInClientAsync(app.ClientUserAEmail);
        var clientB = await app.SignedInClientAsync(app.ClientUserBEmail);
        var token = await consultant.AntiforgeryTokenAsync($"/Cases/Reports/Index/{app.CaseA}");

        // Bad language: a 400 problem naming the field; nothing stored.
        var bad = await PostJsonAsync(consultant, token, $"/api/cases/{app.CaseA}/reports", new { language = "fr" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Unknown report language");

        var created = await PostJsonAsync(consultant, token, $"/api/cases/{app.CaseA}/reports", new { language = "en" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/cases/{app.CaseA}/reports/{version}.pdf");

        // A draft: the staff may download it; the client gets 404 and does not see it listed.
        (await consultant.GetAsync($"/api/cases/{app.CaseA}/reports/{version}.pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var draftForClient = await clientA.GetAsync($"/api/cases/{app.CaseA}/reports/{version}.pdf");
        draftForClient.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        draftForClient.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ListAsync(clientA)).GetArrayLength().ShouldBe(0);
        (await clientA.GetStringAsync($"/Portal/Reports/Index/{app.CaseA}")).ShouldContain("No report has been published for this case yet.");

        // Submit, then the author's approval is refused with a clear message; another staff member approves.
        (await consultant.PostFormAsync($"/Cases/Reports/Index/{app.CaseA}?handler=Submit", new() { ["Version"] = $"{version}" }, $"/Cases/Reports/Index/{app.CaseA}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await consultant.GetStringAsync($"/Cases/Reports/Index/{app.CaseA}"));
        page.ShouldContain("You wrote or submitted this version: another consultant must review it, then approve it or return it with comments.");
        page.ShouldNotContain("data-testid=\"approve\"");
        page.ShouldNotContain("Return with comments");
        var own = await consultant.PostFormAsync($"/Cases/Reports/Index/{app.CaseA}?handler=Approve", new() { ["Version"] = $"{version}" }, $"/Cases/Reports/Index/{app.CaseA}");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()).ShouldContain("another consultant must review and approve it");
        (await admin.GetStringAsync($"/Cases/Reports/Index/{app.CaseA}")).ShouldContain("data-testid=\"approve\"");
        (await admin.PostFormAsync($"/Cases/Reports/Index/{app.CaseA}?handler=Approve", new() { ["Version"] = $"{version}" }, $"/Cases/Reports/Index/{app.CaseA}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Published: the client lists it and downloads both files, as attachments, matching the SHA-256 shown.
        var listed = (await ListAsync(clientA)).EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("state").GetString().ShouldBe("published");
        var pdfSha = listed.GetProperty("pdfSha256").GetString()!;
        var portal = await clientA.GetStringAsync($"/Portal/Cases/Details/{app.CaseA}");
        portal.ShouldContain(pdfSha);
        portal.ShouldContain($"/api/cases/{app.CaseA}/reports/{version}.pdf");

        var pdf = await clientA.GetAsync($"/api/cases/{app.CaseA}/reports/{version}.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdf.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (pdf.Content.Headers.ContentDisposition.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName!.Trim('"')).ShouldMatch(@"^IR-\d{4}-\d{4}-report-v\d+-en\.pdf$");
        pdf.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        Convert.ToHexStringLower(SHA256.HashData(await pdf.Content.ReadAsByteArrayAsync())).ShouldBe(pdfSha);

        var html = await clientA.GetAsync($"/api/cases/{app.CaseA}/reports/{version}.html");
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        string.Join(" | ", html.Headers.GetValues("Content-Security-Policy")).ShouldContain("sandbox");
        Convert.ToHexStringLower(SHA256.HashData(await html.Content.ReadAsByteArrayAsync())).ShouldBe(listed.GetProperty("htmlSha256").GetString());

        // Another organisation's user: 404 for the list and the files; the download log names the client.
        (await clientB.GetAsync($"/api/cases/{app.CaseA}/reports")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clientB.GetAsync($"/api/cases/{app.CaseA}/reports/{version}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clientB.GetAsync($"/Portal/Reports/Index/{app.CaseA}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await consultant.GetStringAsync($"/Cases/Reports/Index/{app.CaseA}")).ShouldContain("Downloads (3)");
    }

    [Fact]
    public async Task ClientUser_CannotGenerateReports_AndReportsPageIsTranslated()
    {
        var clientA = await app.SignedInClientAsync(app.ClientUserAEmail);
        var token = await clientA.AntiforgeryTokenAsync("/Portal");
        (await PostJsonAsync(clientA, token, $"/api/cases/{app.CaseA}/reports", new { language = "en" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        consultant.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");
        var page = WebUtility.HtmlDecode(await consultant.GetStringAsync($"/Cases/Reports/Index/{app.CaseA}"));
        page.ShouldContain("生成新草稿");
        page.ShouldContain("报告语言");
    }

    private async Task<JsonElement> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync($"/api/cases/{app.CaseA}/reports");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions");
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string token, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }
}
