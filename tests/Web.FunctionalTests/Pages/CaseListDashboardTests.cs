using System.Net;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>Issue #12/#17: the case list's incident-type chart and its filter, in English and Chinese.</summary>
public sealed class CaseListDashboardTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    [Fact]
    public async Task TypeChart_HasAnUnclassifiedBar_AndTheTypeFilterListsOnlyThoseCases()
    {
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var page = WebUtility.HtmlDecode(await consultant.GetStringAsync("/Cases"));
        page.ShouldContain("id=\"chart-cases-type\"");
        page.ShouldContain("Open cases by incident type");
        page.ShouldContain("<a href=\"/Cases?Type=Unclassified\">Unclassified</a>");

        // The seeded case A is not classified: the Unclassified bar lists it, a type's bar does not.
        var caseLink = $"/Cases/Details/{app.CaseA}";
        (await consultant.GetStringAsync($"/Cases?Type=Unclassified&ClientId={app.ClientA}")).ShouldContain(caseLink);
        (await consultant.GetStringAsync($"/Cases?Type=Botnet&ClientId={app.ClientA}")).ShouldNotContain(caseLink);

        // An unknown type filters nothing (as an unknown phase), never a 500.
        var unknown = await consultant.GetAsync($"/Cases?Type=%3Cscript%3E&ClientId={app.ClientA}");
        unknown.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain(caseLink);

        (await consultant.PostFormAsync("/Culture", new() { ["culture"] = "zh-CN", ["returnUrl"] = "/Cases" }, formPage: "/Cases"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var chinese = WebUtility.HtmlDecode(await consultant.GetStringAsync("/Cases"));
        chinese.ShouldContain("按事件类型统计的未结案件");
        chinese.ShouldContain("<a href=\"/Cases?Type=Unclassified\">未分类</a>");
    }
}
