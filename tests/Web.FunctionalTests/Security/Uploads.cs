using System.Net;
using System.Net.Http.Json;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>The upload API as the evidence page's script speaks it.</summary>
internal static class Uploads
{
    public static async Task<string> TokenAsync(HttpClient client, Guid caseId, bool portal = false) =>
        await client.AntiforgeryTokenAsync(portal ? $"/Portal/Evidence/Index/{caseId}" : $"/Cases/Evidence/Index/{caseId}");

    public static Task<HttpResponseMessage> BeginAsync(HttpClient client, string token, Guid caseId, string name, long size) =>
        SendAsync(client, token, HttpMethod.Post, $"/api/evidence/cases/{caseId}/uploads", JsonContent.Create(new { fileName = name, size }));

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string token, Guid uploadId, long offset, HttpContent content) =>
        SendAsync(client, token, HttpMethod.Put, $"/api/evidence/uploads/{uploadId}?offset={offset}", content);

    public static Task<HttpResponseMessage> CompleteAsync(HttpClient client, string token, Guid uploadId) =>
        SendAsync(client, token, HttpMethod.Post, $"/api/evidence/uploads/{uploadId}/complete", JsonContent.Create(new { receivedFrom = "test" }));

    public static async Task<Guid> UploadIdAsync(HttpResponseMessage begin)
    {
        begin.StatusCode.ShouldBe(HttpStatusCode.OK, await begin.Content.ReadAsStringAsync());
        return (await begin.Content.ReadFromJsonAsync<Started>())!.UploadId;
    }

    /// <summary>Uploads a whole file as a consultant and returns the evidence id.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, Guid caseId, string name, byte[] bytes)
    {
        var token = await TokenAsync(client, caseId);
        var uploadId = await UploadIdAsync(await BeginAsync(client, token, caseId, name, bytes.Length));
        (await PutAsync(client, token, uploadId, 0, new ByteArrayContent(bytes))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var complete = await CompleteAsync(client, token, uploadId);
        complete.StatusCode.ShouldBe(HttpStatusCode.OK, await complete.Content.ReadAsStringAsync());
        return (await complete.Content.ReadFromJsonAsync<Created>())!.EvidenceId;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string token, HttpMethod method, string url, HttpContent content)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        return client.SendAsync(request);
    }

    private sealed record Started(Guid UploadId);

    private sealed record Created(Guid EvidenceId);
}
