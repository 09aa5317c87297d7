using System.Net;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>Issue #17: the message thread on the portal and staff case pages, and the consultant's dashboard on /.</summary>
public sealed class MessagesPagesTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task ClientWrites_ConsultantSeesItOnTheCasePage_AndAnswers_TheClientSeesTheAnswer()
    {
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var question = "Question " + Guid.NewGuid().ToString("N");
        var answer = "مرحبا — answer " + Guid.NewGuid().ToString("N");

        var posted = await clientUser.PostFormAsync($"/Portal/Cases/Details/{app.CaseA}?handler=Message", new() { ["MessageBody"] = question }, $"/Portal/Cases/Details/{app.CaseA}");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        posted.Headers.Location!.OriginalString.ShouldBe($"/Portal/Cases/Details/{app.CaseA}#messages");
        (await consultant.GetStringAsync($"/Cases/Details/{app.CaseA}")).ShouldContain(question);

        var answered = await consultant.PostFormAsync($"/Cases/Details/{app.CaseA}?handler=Message", new() { ["MessageBody"] = answer }, $"/Cases/Details/{app.CaseA}");
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await clientUser.GetStringAsync("/Notifications")).ShouldContain("New message on case");
        var portal = WebUtility.HtmlDecode(await clientUser.GetStringAsync($"/Portal/Cases/Details/{app.CaseA}"));
        portal.ShouldContain(answer);
        portal.IndexOf(question, StringComparison.Ordinal).ShouldBeLessThan(portal.IndexOf(answer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmptyMessage_IsAFieldErrorInTheReadersLanguage_NotA500()
    {
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);
        clientUser.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");

        var response = await clientUser.PostFormAsync($"/Portal/Cases/Details/{app.CaseA}?handler=Message", new() { ["MessageBody"] = "  " }, $"/Portal/Cases/Details/{app.CaseA}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldMatch("data-valmsg-for=\"MessageBody\"[^>]*>请输入消息内容。<");
    }

    [Fact]
    public async Task PortalCasePage_ExplainsThePhase_AndAsksForTheIntake()
    {
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);

        var html = WebUtility.HtmlDecode(await clientUser.GetStringAsync($"/Portal/Cases/Details/{app.CaseA}"));

        html.ShouldContain("We are collecting what you know about the incident.");
        html.ShouldContain($"href=\"/Portal/Intake/Edit/{app.CaseA}\"");
        html.ShouldContain("id=\"ask-intake\"");
    }

    [Fact]
    public async Task Dashboard_OnRoot_ShowsStaffTheirDashboard_AndSendsClientsToThePortal()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var clientUser = await app.SignedInClientAsync(app.ClientUserAEmail);

        (await consultant.GetStringAsync("/")).ShouldContain("id=\"my-cases\"");
        var redirect = await clientUser.GetAsync("/");
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirect.Headers.Location!.OriginalString.ShouldBe("/Portal");
    }
}
