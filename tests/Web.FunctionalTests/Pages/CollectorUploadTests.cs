using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Web.FunctionalTests.Security;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>
/// From host to case (issue 11, item 2): the case's collect page offers both collectors and issues a collector token with the
/// command line; the real Linux collector (on a prepared root, so the machine's own files stay out of it) uploads its bundle
/// with that token and checks the SHA-256 the server recorded. Revoked, expired and other-case tokens are refused.
/// </summary>
public sealed partial class CollectorUploadTests(KestrelWebTestApp app) : IClassFixture<KestrelWebTestApp>, IDisposable
{
    private static readonly string Script = Path.Combine(TestData.RepositoryRoot, "collectors", "linux", "casemgr-collect.sh");

    private readonly string _work = Directory.CreateTempSubdirectory("casemgr-collector-upload-").FullName;

    [SkippableFact]
    public async Task TheCollectPage_OffersBothScripts_ExactlyAsInTheRepository()
    {
        using var consultant = await SignInAsync();
        var page = await consultant.GetStringAsync($"/Cases/Evidence/Collect/{app.CaseA}");
        page.ShouldContain("id=\"download-linux\"");
        page.ShouldContain("id=\"download-windows\"");

        foreach (var (os, file) in new[] { ("linux", "collectors/linux/casemgr-collect.sh"), ("windows", "collectors/windows/casemgr-collect.ps1") })
        {
            var response = await consultant.GetAsync($"/Cases/Evidence/Collect/{app.CaseA}?handler=Script&os={os}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe(Path.GetFileName(file));
            (await response.Content.ReadAsByteArrayAsync()).ShouldBe(await File.ReadAllBytesAsync(Path.Combine(TestData.RepositoryRoot, file)));
        }
    }

    [SkippableFact]
    public async Task TheLinuxCollector_UploadsItsBundleIntoTheCase_WithTheTokenAndCommandThePageShows()
    {
        Skip.IfNot(File.Exists("/usr/bin/curl") || File.Exists("/bin/curl"), "curl is needed by the collector's --upload");
        using var consultant = await SignInAsync();
        var (token, command) = await CreateTokenAsync(consultant, app.CaseA);
        command.ShouldBe($"sudo bash casemgr-collect.sh --upload {app.BaseUrl.TrimEnd('/')}/api/collector/cases/{app.CaseA}/ --token {token}");
        var url = command.Split(' ')[4];

        var run = await RunCollectorAsync(url, token);

        run.ExitCode.ShouldBe(0, run.Output);
        run.Error.ShouldContain("verified");
        var bundle = run.Output.Trim();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(bundle)));
        var caseId = new CaseId(app.CaseA);
        var item = await app.InDbAsync(db => db.Evidence.AsNoTracking().SingleAsync(e => e.CaseId == caseId && e.Sha256 == sha256));
        item.OriginalName.ShouldBe(Path.GetFileName(bundle));
        item.DetectedKind.ShouldBe(EvidenceKind.TriageBundle);
        (await consultant.GetStringAsync($"/Cases/Evidence/Details/{item.Id.Value}")).ShouldContain("collector on web-collect-host");
    }

    [SkippableFact]
    public async Task RevokedExpiredAndOtherCaseTokens_AreRefused_AndTheBundleIsKept()
    {
        Skip.IfNot(File.Exists("/usr/bin/curl") || File.Exists("/bin/curl"), "curl is needed by the collector's --upload");
        using var consultant = await SignInAsync();
        var (revoked, command) = await CreateTokenAsync(consultant, app.CaseA);
        var url = command.Split(' ')[4];
        var (expired, _) = await CreateTokenAsync(consultant, app.CaseA);
        var (otherCase, _) = await CreateTokenAsync(consultant, app.CaseB);

        var revokedId = await app.InDbAsync(db => db.ApiKeys.Where(k => k.Prefix == revoked.Substring(0, 12)).Select(k => k.Id).SingleAsync());
        (await consultant.PostFormAsync($"/Cases/Evidence/Collect/{app.CaseA}?handler=Revoke&keyId={revokedId}", new(), formPage: $"/Cases/Evidence/Collect/{app.CaseA}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.InDbAsync(db => db.ApiKeys.Where(k => k.Prefix == expired.Substring(0, 12))
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var before = await CountAsync();

        foreach (var (what, token, status) in new[] { ("revoked", revoked, "HTTP 401"), ("expired", expired, "HTTP 401"), ("other case", otherCase, "HTTP 403") })
        {
            var run = await RunCollectorAsync(url, token);
            run.ExitCode.ShouldBe(3, what);
            run.Error.ShouldContain(status, customMessage: what);
            File.Exists(run.Output.Trim()).ShouldBeTrue($"{what}: the bundle stays on the host");
        }

        (await RunCollectorAsync(url.Replace(app.CaseA.ToString(), app.CaseB.ToString(), StringComparison.Ordinal), otherCase)).ExitCode.ShouldBe(0, "the token works for its own case");
        (await CountAsync()).ShouldBe(before);
        (await consultant.GetStringAsync($"/Cases/Evidence/Collect/{app.CaseA}")).ShouldContain(revoked[..12]);
    }

    [SkippableFact]
    public async Task AnOrdinaryUploadKey_CannotUseTheCollectorEndpoint()
    {
        using var consultant = await SignInAsync();
        var response = await consultant.PostFormAsync("/Account/ApiKeys?handler=Create", new()
        {
            ["Name"] = "upload key", ["Kind"] = "upload", ["CaseId"] = string.Empty, ["ExpiresInDays"] = "30",
        }, formPage: "/Account/ApiKeys");
        var token = NewToken().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        using var key = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        key.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var refused = await key.PostAsync($"/api/collector/cases/{app.CaseA}/bundles?name=x.tar.gz", new ByteArrayContent([1, 2, 3]));

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await key.PostAsync($"/api/collector/cases/{app.CaseA}/bundles", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private Task<int> CountAsync()
    {
        var caseId = new CaseId(app.CaseA);
        return app.InDbAsync(db => db.Evidence.CountAsync(e => e.CaseId == caseId));
    }

    private async Task<HttpClient> SignInAsync()
    {
        Skip.IfNot(app.Database.IsAvailable, "no database");
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(app.BaseUrl) };
        (await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = app.ConsultantEmail, ["Input.Password"] = WebTestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<(string Token, string Command)> CreateTokenAsync(HttpClient consultant, Guid caseId)
    {
        var response = await consultant.PostFormAsync($"/Cases/Evidence/Collect/{caseId}?handler=Create", new() { ["ExpiresInDays"] = "7" });
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var token = NewToken().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new ShouldAssertException("No token on the page:\n" + html);
        var command = LinuxCommand().Match(html).Groups[1].Value;
        return (token, WebUtility.HtmlDecode(command));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunCollectorAsync(string url, string token)
    {
        var root = Path.Combine(_work, "root");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        await File.WriteAllTextAsync(Path.Combine(root, "etc", "hostname"), "web-collect-host\n");
        await File.WriteAllTextAsync(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        await File.WriteAllTextAsync(Path.Combine(root, "etc", "crontab"), "*/5 * * * * root /usr/local/bin/backup\n");
        var output = Directory.CreateDirectory(Path.Combine(_work, "out-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Script, "--root", root, "-o", output, "--upload", url, "--token", token })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex("<code id=\"new-token\" class=\"mono\">(cmk_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex NewToken();

    [GeneratedRegex("<pre class=\"mono command\" id=\"command-linux\">([^<]+)</pre>")]
    private static partial Regex LinuxCommand();
}
