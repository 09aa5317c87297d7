using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.FunctionalTests.Authorization;

/// <summary>
/// Every page and every /api route, for every role (and anonymous), across two tenants: who gets 200, 403, 404 or the login
/// page — and for /api, with a cookie and with API keys of each kind (401, 403 or through). A completeness test fails
/// naming any endpoint of the app that is in none of the lists: add new pages to StaffPages / AdminPages / PortalPages /
/// AccountPages (plus other-tenant 404 rows), and new API routes to <see cref="ApiRoutes"/> and <see cref="ApiMatrix"/>.
/// </summary>
public sealed partial class RouteAccessTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    public enum Who
    {
        Anonymous,
        Admin,
        Consultant,
        ClientA,
    }

    public enum Outcome
    {
        Ok,
        Login,
        Forbidden,
        NotFound,
    }

    private static readonly string[] StaffPages =
    [
        "/Cases", "/Cases/Create", "/Cases/Details/{caseA}", "/Cases/Edit/{caseA}", "/Cases/Details/{caseB}",
        "/Clients", "/Clients/Create", "/Clients/Edit/{clientA}",
        "/Cases/Intake/Edit/{caseA}", "/Cases/Intake/History/{caseA}", "/Cases/Intake/Print/{caseA}", "/Cases/Intake/Edit/{caseB}",
        "/Cases/Evidence/Index/{caseA}", "/Docs/Api",
        "/Cases/Evidence/Collect/{caseA}", "/Cases/Evidence/Collect/{caseA}?handler=Script&os=linux", "/Cases/Evidence/Collect/{caseA}?handler=Script&os=windows",
        "/Cases/Classification/Index/{caseA}", "/Cases/Classification/Index/{caseB}", "/Cases/Indicators/Index/{caseA}", "/Cases/Indicators/Index/{caseB}",
        "/Cases/Timeline/Index/{caseA}", "/Cases/Timeline/Index/{caseB}", "/Cases/Timeline/Index/{caseA}?handler=Csv", "/Cases/Notes/Index/{caseA}",
        "/Cases/Activity/Index/{caseA}", "/Search?q=IR-",
        "/Cases/Yara/Index/{caseA}", "/Cases/Yara/Edit/{caseA}",
        "/Cases/Remediation/Index/{caseA}", "/Cases/Remediation/Index/{caseB}",
        "/Cases/Reports/Index/{caseA}", "/Cases/Reports/Index/{caseB}",
        "/Cases/Remediation/Index/{caseA}?handler=Proof&proofId={proofA}", "/Cases/Remediation/Index/{caseB}?handler=Proof&proofId={proofB}",
    ];

    private static readonly string[] AdminPages = ["/Admin/Users", "/Admin/Users/Create", "/Admin/Users/Edit/{consultant}", "/admin/jobs", "/Admin/Audit", "/Admin/Security", "/Admin/Yara", "/Admin/Yara/Edit", "/Admin/Playbooks", "/Admin/Playbooks/Edit/ransomware"];

    /// <summary>Pages for every signed-in role.</summary>
    private static readonly string[] AccountPages = ["/Account/ApiKeys", "/Account/TwoFactor", "/Notifications"];

    /// <summary>Pages open to everyone, signed in or not.</summary>
    private static readonly string[] PublicPages = ["/Account/Login"];

    /// <summary>
    /// Endpoints deliberately outside the matrix, with the reason (the completeness test skips these and nothing else).
    /// Pages by their path, other endpoints by their route template.
    /// </summary>
    private static readonly Dictionary<string, string> NotInMatrix = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/Error"] = "the error page, rendered for failures of any route",
        ["/Culture"] = "the language switch (POST only; FinishedFeelTests)",
        ["/Account/Logout"] = "sign-out (POST; GET redirects home; SignInTests)",
        ["/health"] = "anonymous by design (HealthTests)",
        ["/admin/jobs/{**path}"] = "the Hangfire dashboard, covered by the AdminPages row /admin/jobs",
    };

    private static readonly string[] PortalPages = ["/Portal", "/Portal/Cases/Details/{caseA}", "/Portal/Intake/Edit/{caseA}", "/Portal/Intake/Print/{caseA}", "/Portal/Evidence/Index/{caseA}", "/Portal/Remediation/Index/{caseA}", "/Portal/Remediation/Index/{caseA}?handler=Proof&proofId={proofA}", "/Portal/Reports/Index/{caseA}"];

    public static TheoryData<Who, string, Outcome> Matrix()
    {
        var data = new TheoryData<Who, string, Outcome>();
        foreach (var page in StaffPages.Concat(AdminPages).Concat(PortalPages).Concat(AccountPages).Append("/"))
        {
            data.Add(Who.Anonymous, page, Outcome.Login);
        }

        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var page in PublicPages)
            {
                data.Add(who, page, Outcome.Ok);
            }

            // The access-denied page is what a 403 looks like, for everyone.
            data.Add(who, "/Account/AccessDenied", Outcome.Forbidden);

            // The second sign-in step without a pending password step goes back to the sign-in page.
            data.Add(who, "/Account/LoginTwoFactor", Outcome.Login);
        }

        foreach (var page in StaffPages)
        {
            data.Add(Who.Admin, page, Outcome.Ok);
            data.Add(Who.Consultant, page, Outcome.Ok);
            data.Add(Who.ClientA, page, Outcome.Forbidden);
        }

        foreach (var page in AdminPages)
        {
            data.Add(Who.Admin, page, Outcome.Ok);
            data.Add(Who.Consultant, page, Outcome.Forbidden);
            data.Add(Who.ClientA, page, Outcome.Forbidden);
        }

        foreach (var page in PortalPages)
        {
            data.Add(Who.Admin, page, Outcome.Forbidden);
            data.Add(Who.Consultant, page, Outcome.Forbidden);
            data.Add(Who.ClientA, page, Outcome.Ok);
        }

        foreach (var page in AccountPages)
        {
            data.Add(Who.Admin, page, Outcome.Ok);
            data.Add(Who.Consultant, page, Outcome.Ok);
            data.Add(Who.ClientA, page, Outcome.Ok);
        }

        // Tenant isolation: another organisation's case does not exist for this client user.
        data.Add(Who.Admin, "/", Outcome.Ok);
        data.Add(Who.Consultant, "/", Outcome.Ok);
        data.Add(Who.ClientA, "/Portal/Cases/Details/{caseB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Cases/Details/" + Guid.Empty, Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Intake/Edit/{caseB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Intake/Print/{caseB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Evidence/Index/{caseB}", Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Intake/Edit/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Intake/History/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Evidence/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Evidence/Details/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Evidence/Traffic/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Evidence/Memory/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Evidence/Triage/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Evidence/Triage/" + Guid.NewGuid(), Outcome.Forbidden);
        data.Add(Who.Anonymous, "/Cases/Evidence/Triage/" + Guid.NewGuid(), Outcome.Login);
        data.Add(Who.Consultant, "/Cases/Evidence/Collect/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Evidence/Collect/{caseA}?handler=Script&os=macos", Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Evidence/Collect/{caseA}", Outcome.Forbidden);
        data.Add(Who.Consultant, "/Cases/Evidence/Transcript/" + Guid.NewGuid() + "?stream=0", Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Evidence/Memory/" + Guid.NewGuid(), Outcome.Forbidden);
        data.Add(Who.Anonymous, "/Cases/Evidence/Traffic/" + Guid.NewGuid(), Outcome.Login);
        data.Add(Who.Consultant, "/Cases/Details/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Timeline/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Notes/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Activity/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.ClientA, "/Search?q=" + Guid.NewGuid(), Outcome.Forbidden);
        data.Add(Who.Consultant, "/Clients/Edit/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Admin, "/Admin/Users/Edit/no-such-user", Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Classification/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Indicators/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Classification/Index/{caseB}", Outcome.Forbidden);
        data.Add(Who.ClientA, "/Cases/Indicators/Index/{caseB}", Outcome.Forbidden);
        data.Add(Who.Consultant, "/Cases/Yara/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Yara/Edit/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Yara/Edit/{caseA}/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Admin, "/Admin/Yara/Edit/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Yara/Index/{caseB}", Outcome.Forbidden);
        data.Add(Who.ClientA, "/Portal/Remediation/Index/{caseB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Remediation/Index/{caseA}", Outcome.Forbidden);
        data.Add(Who.Consultant, "/Cases/Remediation/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Reports/Index/{caseB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Reports/Index/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Reports/Index/" + Guid.NewGuid(), Outcome.NotFound);

        // Proof files: another organisation's, one of an item not assigned to the client, one asked for under another case.
        data.Add(Who.ClientA, "/Portal/Remediation/Index/{caseB}?handler=Proof&proofId={proofB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Remediation/Index/{caseA}?handler=Proof&proofId={proofB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Remediation/Index/{caseA}?handler=Proof&proofId={proofAStaffOnly}", Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Remediation/Index/{caseA}?handler=Proof&proofId={proofB}", Outcome.NotFound);
        data.Add(Who.Consultant, "/Cases/Remediation/Index/{caseA}?handler=Proof&proofId=" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Admin, "/Admin/Playbooks/Edit/no-such-type", Outcome.NotFound);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get_Page_AnswersAsTheRoleAllows(Who who, string route, Outcome expected)
    {
        var client = who switch
        {
            Who.Anonymous => app.NewClient(),
            Who.Admin => await app.AdminAsync(),
            Who.Consultant => await app.SignedInClientAsync(app.ConsultantEmail),
            _ => await app.SignedInClientAsync(app.ClientUserAEmail),
        };
        if (route.Contains("{proof", StringComparison.Ordinal))
        {
            var proofs = await ProofsAsync();
            route = route.Replace("{proofAStaffOnly}", proofs.AStaffOnly.ToString(), StringComparison.Ordinal)
                .Replace("{proofA}", proofs.A.ToString(), StringComparison.Ordinal)
                .Replace("{proofB}", proofs.B.ToString(), StringComparison.Ordinal);
        }

        var url = route.Replace("{caseA}", app.CaseA.ToString(), StringComparison.Ordinal)
            .Replace("{caseB}", app.CaseB.ToString(), StringComparison.Ordinal)
            .Replace("{clientA}", app.ClientA.ToString(), StringComparison.Ordinal)
            .Replace("{consultant}", app.ConsultantId, StringComparison.Ordinal);

        var response = await client.GetAsync(url);

        Classify(response).ShouldBe(expected, $"{who} GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task ClientUser_PostingToAStaffForm_IsForbiddenAndNothingIsCreated()
    {
        var staff = await app.SignedInClientAsync(app.ConsultantEmail);
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        var page = await staff.GetStringAsync("/Clients");
        var token = await clientUser.AntiforgeryTokenAsync("/Portal");

        var response = await clientUser.PostAsync("/Clients/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Sneaky Org",
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        page.ShouldNotContain("Sneaky Org");
        (await staff.GetStringAsync("/Clients")).ShouldNotContain("Sneaky Org");
    }

    /// <summary>Who calls an /api route: a cookie session, or an API key of some kind.</summary>
    public enum Caller
    {
        Anonymous,
        Admin,
        Consultant,
        ClientA,
        ConsultantReadKey,
        ConsultantUploadKey,
        ConsultantCollectorKeyCaseA,
        ClientAUploadKey,
    }

    public enum ApiOutcome
    {
        /// <summary>Authorised: the route answered 2xx.</summary>
        Ok,
        Unauthorized,
        Forbidden,

        /// <summary>Authorised, but the thing does not exist (or belongs to another tenant).</summary>
        NotFound,
    }

    /// <summary>Every /api route of the app: method and route template (the completeness test compares these with the app's endpoints).</summary>
    public static readonly ApiRoute[] ApiRoutes =
    [
        new("POST", "/api/evidence/cases/{caseId:guid}/uploads"),
        new("GET", "/api/evidence/uploads/{id:guid}"),
        new("PUT", "/api/evidence/uploads/{id:guid}"),
        new("POST", "/api/evidence/uploads/{id:guid}/complete"),
        new("GET", "/api/evidence/cases/{caseId:guid}/status"),
        new("GET", "/api/openapi/{documentName}.json"),
        new("POST", "/api/collector/cases/{caseId:guid}/bundles"),
        new("GET", "/api/cases/{id:guid}/classification"),
        new("GET", "/api/cases/{id:guid}/indicators"),
        new("GET", "/api/cases/{id:guid}/timeline"),
        new("GET", "/api/cases/{id:guid}/remediation"),
        new("POST", "/api/cases/{id:guid}/reports"),
        new("GET", "/api/cases/{id:guid}/reports"),
        new("GET", "/api/cases/{id:guid}/reports/{version:int}.pdf"),
        new("GET", "/api/cases/{id:guid}/reports/{version:int}.html"),
    ];

    public sealed record ApiRoute(string Method, string Template);

    public static TheoryData<Caller, string, string, ApiOutcome> ApiMatrix()
    {
        var data = new TheoryData<Caller, string, string, ApiOutcome>();
        void Row(string method, string url, params (Caller Who, ApiOutcome Outcome)[] rows)
        {
            foreach (var (who, outcome) in rows)
            {
                data.Add(who, method, url, outcome);
            }
        }

        const ApiOutcome ok = ApiOutcome.Ok, unauthorized = ApiOutcome.Unauthorized, forbidden = ApiOutcome.Forbidden, notFound = ApiOutcome.NotFound;

        // Begin an upload: staff; a client only where the case allows client uploads (not here); keys need the upload scope, collectors their case.
        Row("POST", "/api/evidence/cases/{caseA}/uploads",
            (Caller.Anonymous, unauthorized), (Caller.Admin, ok), (Caller.Consultant, ok), (Caller.ClientA, forbidden),
            (Caller.ConsultantReadKey, forbidden), (Caller.ConsultantUploadKey, ok), (Caller.ConsultantCollectorKeyCaseA, ok), (Caller.ClientAUploadKey, forbidden));
        Row("POST", "/api/evidence/cases/{caseB}/uploads",
            (Caller.Consultant, ok), (Caller.ClientA, notFound), (Caller.ConsultantCollectorKeyCaseA, forbidden), (Caller.ClientAUploadKey, notFound));

        // Continue, read the offset of, or complete an upload: only its starter; an unknown one is 404 for whoever may upload.
        foreach (var (method, url) in new[] { ("GET", "/api/evidence/uploads/{random}"), ("PUT", "/api/evidence/uploads/{random}?offset=0"), ("POST", "/api/evidence/uploads/{random}/complete") })
        {
            Row(method, url,
                (Caller.Anonymous, unauthorized), (Caller.Admin, notFound), (Caller.Consultant, notFound), (Caller.ClientA, notFound),
                (Caller.ConsultantReadKey, forbidden), (Caller.ConsultantUploadKey, notFound), (Caller.ConsultantCollectorKeyCaseA, notFound), (Caller.ClientAUploadKey, notFound));
        }

        // Analysis status: staff with the read scope.
        Row("GET", "/api/evidence/cases/{caseA}/status",
            (Caller.Anonymous, unauthorized), (Caller.Admin, ok), (Caller.Consultant, ok), (Caller.ClientA, forbidden),
            (Caller.ConsultantReadKey, ok), (Caller.ConsultantUploadKey, forbidden), (Caller.ConsultantCollectorKeyCaseA, forbidden), (Caller.ClientAUploadKey, forbidden));

        // The OpenAPI document: staff.
        Row("GET", "/api/openapi/v1.json",
            (Caller.Anonymous, unauthorized), (Caller.Admin, ok), (Caller.Consultant, ok), (Caller.ClientA, forbidden),
            (Caller.ConsultantReadKey, ok), (Caller.ClientAUploadKey, forbidden));

        // A collector's bundle upload: only a collector key of that very case (API keys only, never a cookie session; the
        // successful upload itself is CollectorUploadTests').
        Row("POST", "/api/collector/cases/{caseA}/bundles?name=matrix.tar.gz",
            (Caller.Anonymous, unauthorized), (Caller.Consultant, unauthorized), (Caller.ClientA, unauthorized),
            (Caller.ConsultantReadKey, forbidden), (Caller.ConsultantUploadKey, forbidden), (Caller.ClientAUploadKey, forbidden));
        Row("POST", "/api/collector/cases/{caseB}/bundles?name=matrix.tar.gz", (Caller.ConsultantCollectorKeyCaseA, forbidden));

        // Classification and the IOC register (every export format): staff with the read scope; an unknown case is 404.
        foreach (var url in new[]
                 {
                     "/api/cases/{caseA}/classification", "/api/cases/{caseB}/classification", "/api/cases/{caseA}/indicators",
                     "/api/cases/{caseA}/timeline", "/api/cases/{caseB}/timeline", "/api/cases/{caseA}/remediation", "/api/cases/{caseB}/remediation", "/api/cases/{caseA}/indicators?format=csv", "/api/cases/{caseA}/indicators?format=stix", "/api/cases/{caseA}/indicators?format=blocklist",
                 })
        {
            Row("GET", url,
                (Caller.Anonymous, unauthorized), (Caller.Admin, ok), (Caller.Consultant, ok), (Caller.ClientA, forbidden),
                (Caller.ConsultantReadKey, ok), (Caller.ConsultantUploadKey, forbidden), (Caller.ConsultantCollectorKeyCaseA, forbidden), (Caller.ClientAUploadKey, forbidden));
        }

        Row("GET", "/api/cases/{random}/remediation", (Caller.Consultant, notFound), (Caller.ConsultantReadKey, notFound));
        Row("GET", "/api/cases/{random}/timeline", (Caller.Consultant, notFound), (Caller.ConsultantReadKey, notFound));
        Row("GET", "/api/cases/{random}/classification", (Caller.Consultant, notFound), (Caller.ConsultantReadKey, notFound));
        Row("GET", "/api/cases/{random}/indicators?format=stix", (Caller.Consultant, notFound), (Caller.ConsultantReadKey, notFound));

        // Reports: staff generate drafts (cookie, or a key with the upload scope; never a one-case collector key) …
        Row("POST", "/api/cases/{caseA}/reports",
            (Caller.Anonymous, unauthorized), (Caller.Admin, ok), (Caller.Consultant, ok), (Caller.ClientA, forbidden),
            (Caller.ConsultantReadKey, forbidden), (Caller.ConsultantUploadKey, ok), (Caller.ConsultantCollectorKeyCaseA, forbidden), (Caller.ClientAUploadKey, forbidden));
        Row("POST", "/api/cases/{caseB}/reports", (Caller.Consultant, ok), (Caller.ClientA, forbidden));
        Row("POST", "/api/cases/{random}/reports", (Caller.Consultant, notFound), (Caller.ConsultantUploadKey, notFound));

        // … staff and client users list them (clients: published ones of their own organisation; another's case is 404) …
        Row("GET", "/api/cases/{caseA}/reports",
            (Caller.Anonymous, unauthorized), (Caller.Admin, ok), (Caller.Consultant, ok), (Caller.ClientA, ok),
            (Caller.ConsultantReadKey, ok), (Caller.ConsultantUploadKey, forbidden), (Caller.ConsultantCollectorKeyCaseA, forbidden), (Caller.ClientAUploadKey, forbidden));
        Row("GET", "/api/cases/{caseB}/reports", (Caller.Consultant, ok), (Caller.ClientA, notFound));
        Row("GET", "/api/cases/{random}/reports", (Caller.Consultant, notFound), (Caller.ClientA, notFound), (Caller.ConsultantReadKey, notFound));

        // … and download files (a version that does not exist, or another organisation's, is 404; ReportPagesTests downloads real ones).
        foreach (var format in new[] { "pdf", "html" })
        {
            Row("GET", "/api/cases/{caseA}/reports/999." + format,
                (Caller.Anonymous, unauthorized), (Caller.Admin, notFound), (Caller.Consultant, notFound), (Caller.ClientA, notFound),
                (Caller.ConsultantReadKey, notFound), (Caller.ConsultantUploadKey, forbidden), (Caller.ConsultantCollectorKeyCaseA, forbidden), (Caller.ClientAUploadKey, forbidden));
            Row("GET", "/api/cases/{caseB}/reports/1." + format, (Caller.ClientA, notFound));
            Row("GET", "/api/cases/{random}/reports/1." + format, (Caller.Consultant, notFound), (Caller.ClientA, notFound));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApiMatrix))]
    public async Task Api_AnswersAsTheCallerMay(Caller who, string method, string route, ApiOutcome expected)
    {
        var client = await ApiClientAsync(who);
        if (route.Contains("{proof", StringComparison.Ordinal))
        {
            var proofs = await ProofsAsync();
            route = route.Replace("{proofAStaffOnly}", proofs.AStaffOnly.ToString(), StringComparison.Ordinal)
                .Replace("{proofA}", proofs.A.ToString(), StringComparison.Ordinal)
                .Replace("{proofB}", proofs.B.ToString(), StringComparison.Ordinal);
        }

        var url = route.Replace("{caseA}", app.CaseA.ToString(), StringComparison.Ordinal)
            .Replace("{caseB}", app.CaseB.ToString(), StringComparison.Ordinal)
            .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = url.EndsWith("/uploads", StringComparison.Ordinal)
                ? JsonContent.Create(new { fileName = "matrix.bin", size = 10 })
                : url.Contains("offset=", StringComparison.Ordinal) ? new ByteArrayContent([1, 2, 3]) : JsonContent.Create(new { receivedFrom = "matrix" });
            if (who is Caller.Admin or Caller.Consultant or Caller.ClientA)
            {
                request.Headers.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync("/Account/ApiKeys"));
            }
        }

        var response = await client.SendAsync(request);

        var actual = (int)response.StatusCode switch
        {
            >= 200 and < 300 => ApiOutcome.Ok,
            401 => ApiOutcome.Unauthorized,
            403 => ApiOutcome.Forbidden,
            404 => ApiOutcome.NotFound,
            var other => throw new ShouldAssertException($"{who} {method} {url} answered {other}: {await response.Content.ReadAsStringAsync()}"),
        };
        actual.ShouldBe(expected, $"{who} {method} {url}");
        if (actual != ApiOutcome.Ok)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{who} {method} {url}");
        }
    }

    /// <summary>Every endpoint the app maps is in the matrix (or named, with a reason, in <see cref="NotInMatrix"/>).</summary>
    [Fact]
    public void Matrix_CoversEveryPageAndApiRouteOfTheApp()
    {
        var pageRoutes = Matrix().Select(row => (string)row[1]).Select(r => r.Split('?')[0]).ToList();
        var apiRoutes = ApiRoutes.Select(r => Key(r.Method, r.Template)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matrixApiUrls = ApiMatrix().Select(row => ((string)row[1], (string)row[2])).ToList();
        var missing = new List<string>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Count.ShouldBeGreaterThan(20);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var path = page.ViewEnginePath;
                if (NotInMatrix.ContainsKey(path) || pageRoutes.Any(r => Covers(path, r)))
                {
                    continue;
                }

                missing.Add("page " + path);
                continue;
            }

            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (NotInMatrix.ContainsKey(template))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                if (!apiRoutes.Contains(Key(method, template)))
                {
                    missing.Add($"route {method} {template}");
                }
            }
        }

        missing.Distinct().ShouldBeEmpty("endpoints missing from RouteAccessTests: " + string.Join(", ", missing.Distinct()));

        // Each listed API route has rows in the matrix.
        foreach (var route in ApiRoutes)
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(route.Template), @"\\\{[^}]*}", "[^/]+") + "$", RegexOptions.IgnoreCase);
            matrixApiUrls.ShouldContain(u => u.Item1 == route.Method && pattern.IsMatch(u.Item2.Split('?')[0]), $"no ApiMatrix row for {route.Method} {route.Template}");
        }
    }

    private static string Key(string method, string template) => method.ToUpperInvariant() + " " + TemplateParameter().Replace(template, "{}");

    /// <summary>A matrix route covers a page when it is the page's path (an Index page: also its folder) or a path below it (route values).</summary>
    private static bool Covers(string pagePath, string route)
    {
        var folder = pagePath.EndsWith("/Index", StringComparison.Ordinal) ? pagePath[..^"/Index".Length] : null;
        return route.Equals(pagePath, StringComparison.OrdinalIgnoreCase)
            || route.StartsWith(pagePath + "/", StringComparison.OrdinalIgnoreCase)
            || (folder is not null && route.Equals(folder.Length == 0 ? "/" : folder, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly ConcurrentDictionary<(WebTestApp, Caller), Lazy<Task<HttpClient>>> Callers = new();

    private static readonly ConcurrentDictionary<WebTestApp, Lazy<Task<(Guid A, Guid AStaffOnly, Guid B)>>> Proofs = new();

    /// <summary>
    /// Proof files for the remediation rows: on case A, one on an item assigned to client user A and one on an item
    /// nobody at the client has; on case B (assigned to client user B), one.
    /// </summary>
    private Task<(Guid A, Guid AStaffOnly, Guid B)> ProofsAsync() => Proofs.GetOrAdd(app, _ => new Lazy<Task<(Guid, Guid, Guid)>>(async () =>
    {
        async Task<(Guid Assigned, Guid StaffOnly)> SeedAsync(Guid caseId, string clientEmail, CaseManager.Domain.Classification.IncidentType type)
        {
            var userId = await app.InDbAsync(db => db.Users.Where(u => u.Email == clientEmail).Select(u => u.Id).SingleAsync());
            await app.AsSystemAsync(async s =>
            {
                await s.Send(new CaseManager.Application.Classification.Commands.ConfirmClassification.ConfirmClassificationCommand(caseId, type, null, CaseManager.Domain.Cases.Severity.High, "route matrix"));
                return 0;
            });
            var items = (await app.AsSystemAsync(s => s.Send(new CaseManager.Application.Remediation.Queries.GetRemediationQuery(caseId)))).Items;
            await app.AsSystemAsync(async s =>
            {
                await s.Send(new CaseManager.Application.Remediation.Commands.AssignRemediationItemCommand(items[0].Id, userId, null));
                return 0;
            });
            async Task<Guid> AttachAsync(Guid itemId) => await app.AsSystemAsync(s =>
                s.Send(new CaseManager.Application.Remediation.Commands.AttachRemediationProofCommand(itemId, "proof.png", 4, new MemoryStream([1, 2, 3, (byte)itemId.GetHashCode()]))));
            return (await AttachAsync(items[0].Id), await AttachAsync(items[1].Id));
        }

        var a = await SeedAsync(app.CaseA, app.ClientUserAEmail, CaseManager.Domain.Classification.IncidentType.Ransomware);
        var b = await SeedAsync(app.CaseB, app.ClientUserBEmail, CaseManager.Domain.Classification.IncidentType.Cryptomining);
        return (a.Assigned, a.StaffOnly, b.Assigned);
    })).Value;

    private Task<HttpClient> ApiClientAsync(Caller who) => Callers.GetOrAdd((app, who), key => new Lazy<Task<HttpClient>>(() => NewCallerAsync(key.Item2))).Value;

    private async Task<HttpClient> NewCallerAsync(Caller who)
    {
        switch (who)
        {
            case Caller.Anonymous:
                return app.NewClient();
            case Caller.Admin:
                return await app.AdminAsync();
            case Caller.Consultant:
                return await app.SignedInClientAsync(app.ConsultantEmail);
            case Caller.ClientA:
                return await app.SignedInClientAsync(app.ClientUserAEmail);
        }

        var owner = who == Caller.ClientAUploadKey ? await app.SignedInClientAsync(app.ClientUserAEmail) : await app.SignedInClientAsync(app.ConsultantEmail);
        var (kind, caseId) = who switch
        {
            Caller.ConsultantReadKey => ("read", (Guid?)null),
            Caller.ConsultantCollectorKeyCaseA => ("collector", app.CaseA),
            _ => ("upload", null),
        };
        var response = await owner.PostFormAsync("/Account/ApiKeys?handler=Create", new()
        {
            ["Name"] = $"matrix {who}",
            ["Kind"] = kind,
            ["CaseId"] = caseId?.ToString() ?? string.Empty,
            ["ExpiresInDays"] = "30",
        }, formPage: "/Account/ApiKeys");
        var token = NewToken().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        token.ShouldStartWith("cmk_");
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex TemplateParameter();

    [GeneratedRegex("<code id=\"new-token\" class=\"mono\">(cmk_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex NewToken();

    [Theory]
    [InlineData("/Portal/Cases/Details/{caseB}?handler=Message", HttpStatusCode.NotFound)]
    [InlineData("/Cases/Details/{caseA}?handler=Message", HttpStatusCode.Forbidden)]
    public async Task ClientUser_PostingAMessageOutsideTheirOwnCase_IsRefused_AndNothingIsStored(string route, HttpStatusCode expected)
    {
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        var staff = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await clientUser.AntiforgeryTokenAsync("/Portal");
        var marker = "sneaky " + Guid.NewGuid().ToString("N");

        var response = await clientUser.PostAsync(
            route.Replace("{caseA}", app.CaseA.ToString(), StringComparison.Ordinal).Replace("{caseB}", app.CaseB.ToString(), StringComparison.Ordinal),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageBody"] = marker, ["__RequestVerificationToken"] = token }));

        response.StatusCode.ShouldBe(expected);
        (await staff.GetStringAsync($"/Cases/Details/{app.CaseA}")).ShouldNotContain(marker);
        (await staff.GetStringAsync($"/Cases/Details/{app.CaseB}")).ShouldNotContain(marker);
    }

    private static Outcome Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Outcome.Ok,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.NotFound => Outcome.NotFound,
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true => Outcome.Login,
        var other => throw new ShouldAssertException($"Unexpected answer {(int)other} → {response.Headers.Location}"),
    };
}
