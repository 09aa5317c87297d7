using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Web.FunctionalTests.Authorization;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>
/// Probe finding: no CSP, Referrer-Policy or Permissions-Policy; nosniff only on downloads; X-Frame-Options only when an
/// antiforgery cookie was issued; nothing for running behind a TLS proxy. Every route, for every role, must carry the headers.
/// </summary>
public sealed partial class SecurityHeadersTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    private static readonly string[] ExtraRoutes =
    [
        "/", "/Account/Login", "/Account/AccessDenied", "/Error", "/health", "/css/site.css", "/js/site.js", "/no-such-page",
        "/api/evidence/cases/{caseA}/status", "/api/evidence/uploads/" + Guid.Empty, "/admin/jobs",
    ];

    public static TheoryData<RouteAccessTests.Who> Roles() =>
        [RouteAccessTests.Who.Anonymous, RouteAccessTests.Who.Admin, RouteAccessTests.Who.Consultant, RouteAccessTests.Who.ClientA];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryRoute_CarriesTheSecurityHeaders(RouteAccessTests.Who who)
    {
        var client = await ClientAsync(who);
        var routes = RouteAccessTests.Matrix().Select(row => (string)row[1]).Concat(ExtraRoutes).Distinct().ToList();
        var problems = new List<string>();

        foreach (var route in routes)
        {
            var url = Expand(route);
            var response = await client.GetAsync(url);
            problems.AddRange(MissingHeaders(response).Select(p => $"{who} GET {url} ({(int)response.StatusCode}): {p}"));
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync();
                if (InlineScript().IsMatch(html) || InlineHandler().IsMatch(html))
                {
                    problems.Add($"{who} GET {url}: inline script or event handler, which the CSP blocks");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task PostsAndApiErrors_CarryTheSecurityHeadersToo()
    {
        var anonymous = app.NewClient();
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var responses = new[]
        {
            await anonymous.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>())),
            await anonymous.PostAsync($"/api/evidence/cases/{app.CaseA}/uploads", new StringContent("{}")),
            await consultant.PostAsync($"/api/evidence/cases/{app.CaseA}/uploads", new StringContent("{}")),
        };

        foreach (var response in responses)
        {
            MissingHeaders(response).ShouldBeEmpty($"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task BehindATlsProxy_CookiesAreSecure_AndHstsIsSent()
    {
        // The cookie container never sends Secure cookies over the test server's http://, so cookies are carried by hand.
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Host = "cases.example.org";

        var login = await client.GetAsync("/Account/Login");

        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        login.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        cookies.ShouldAllBe(cookie => cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));

        var signIn = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = app.ConsultantEmail,
                ["Input.Password"] = WebTestApp.Password,
                ["__RequestVerificationToken"] = FormPosting.AntiforgeryToken(await login.Content.ReadAsStringAsync())!,
            }),
        };
        signIn.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var signedIn = await client.SendAsync(signIn);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("casemanager.auth=", StringComparison.Ordinal))
            .ShouldContain("secure", Case.Insensitive);
    }

    private static IEnumerable<string> MissingHeaders(HttpResponseMessage response)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(", ", values)
                : null;

        var csp = Header("Content-Security-Policy");
        if (csp is null)
        {
            yield return "no Content-Security-Policy";
        }
        else
        {
            foreach (var directive in new[] { "default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "script-src 'self'" })
            {
                if (!csp.Contains(directive, StringComparison.Ordinal))
                {
                    yield return $"CSP lacks {directive}";
                }
            }

            if (Regex.Match(csp, "script-src[^;]*").Value.Contains("unsafe", StringComparison.Ordinal))
            {
                yield return "CSP allows unsafe scripts";
            }
        }

        if (Header("X-Content-Type-Options") != "nosniff")
        {
            yield return "no X-Content-Type-Options: nosniff";
        }

        if (Header("X-Frame-Options") != "DENY")
        {
            yield return $"X-Frame-Options is '{Header("X-Frame-Options")}', not DENY";
        }

        if (Header("Referrer-Policy") is not ("no-referrer" or "same-origin" or "strict-origin-when-cross-origin"))
        {
            yield return "no Referrer-Policy";
        }

        if (Header("Permissions-Policy")?.Contains("camera=()", StringComparison.Ordinal) != true)
        {
            yield return "no Permissions-Policy";
        }
    }

    private async Task<HttpClient> ClientAsync(RouteAccessTests.Who who) => who switch
    {
        RouteAccessTests.Who.Anonymous => app.NewClient(),
        RouteAccessTests.Who.Admin => await app.AdminAsync(),
        RouteAccessTests.Who.Consultant => await app.SignedInClientAsync(app.ConsultantEmail),
        _ => await app.SignedInClientAsync(app.ClientUserAEmail),
    };

    private string Expand(string route) => route.Replace("{caseA}", app.CaseA.ToString(), StringComparison.Ordinal)
        .Replace("{caseB}", app.CaseB.ToString(), StringComparison.Ordinal)
        .Replace("{clientA}", app.ClientA.ToString(), StringComparison.Ordinal)
        .Replace("{consultant}", app.ConsultantId, StringComparison.Ordinal);

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\son[a-z]+\\s*=\\s*\"", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
