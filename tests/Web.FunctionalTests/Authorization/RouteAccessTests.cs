using System.Net;

namespace CaseManager.Web.FunctionalTests.Authorization;

/// <summary>Every page, for every role (and anonymous), across two tenants: who gets 200, 403, 404 or the login page.</summary>
public sealed class RouteAccessTests(WebTestApp app) : IClassFixture<WebTestApp>
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
        "/Clients", "/Clients/Create", "/Clients/Edit/{clientA}", "/Notifications",
        "/Cases/Intake/Edit/{caseA}", "/Cases/Intake/History/{caseA}", "/Cases/Intake/Print/{caseA}", "/Cases/Intake/Edit/{caseB}",
        "/Cases/Evidence/Index/{caseA}", "/Docs/Api",
        "/Cases/Remediation/Index/{caseA}", "/Cases/Remediation/Index/{caseB}",
    ];

    private static readonly string[] AdminPages = ["/Admin/Users", "/Admin/Users/Create", "/Admin/Users/Edit/{consultant}", "/admin/jobs"];

    /// <summary>Pages for every signed-in role.</summary>
    private static readonly string[] AccountPages = ["/Account/ApiKeys"];

    private static readonly string[] PortalPages = ["/Portal", "/Portal/Cases/Details/{caseA}", "/Portal/Intake/Edit/{caseA}", "/Portal/Intake/Print/{caseA}", "/Portal/Evidence/Index/{caseA}", "/Portal/Remediation/Index/{caseA}"];

    public static TheoryData<Who, string, Outcome> Matrix()
    {
        var data = new TheoryData<Who, string, Outcome>();
        foreach (var page in StaffPages.Concat(AdminPages).Concat(PortalPages).Concat(AccountPages).Append("/"))
        {
            data.Add(Who.Anonymous, page, Outcome.Login);
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
        data.Add(Who.Consultant, "/Cases/Evidence/Transcript/" + Guid.NewGuid() + "?stream=0", Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Evidence/Memory/" + Guid.NewGuid(), Outcome.Forbidden);
        data.Add(Who.Anonymous, "/Cases/Evidence/Traffic/" + Guid.NewGuid(), Outcome.Login);
        data.Add(Who.Consultant, "/Cases/Details/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Consultant, "/Clients/Edit/" + Guid.NewGuid(), Outcome.NotFound);
        data.Add(Who.Admin, "/Admin/Users/Edit/no-such-user", Outcome.NotFound);
        data.Add(Who.ClientA, "/Portal/Remediation/Index/{caseB}", Outcome.NotFound);
        data.Add(Who.ClientA, "/Cases/Remediation/Index/{caseA}", Outcome.Forbidden);
        data.Add(Who.Consultant, "/Cases/Remediation/Index/" + Guid.NewGuid(), Outcome.NotFound);
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

    private static Outcome Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Outcome.Ok,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.NotFound => Outcome.NotFound,
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true => Outcome.Login,
        var other => throw new ShouldAssertException($"Unexpected answer {(int)other} → {response.Headers.Location}"),
    };
}
