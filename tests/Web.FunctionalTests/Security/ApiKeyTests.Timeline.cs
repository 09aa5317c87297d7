using System.Net;
using System.Text.Json;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>Issue 12 item 7: GET /api/cases/{id}/timeline with an API key (read scope) or the cookie.</summary>
public abstract partial class ApiKeyTests<TApp>
{
    [SkippableFact]
    public async Task TheTimelineApi_AnswersAReadKey_AndRefusesOtherScopes()
    {
        var consultant = await App.SignedInClientAsync(App.ConsultantEmail);
        var token = await consultant.AntiforgeryTokenAsync($"/Cases/Timeline/Index/{App.CaseA}");
        (await consultant.PostFormAsync($"/Cases/Timeline/Index/{App.CaseA}?handler=Add", new()
        {
            ["Input.OccurredAt"] = "2026-11-20T03:14:15",
            ["Input.Host"] = "api-host-1",
            ["Input.Description"] = "Webshell uploaded",
            ["Input.Tactic"] = "Persistence",
        }, formPage: $"/Cases/Timeline/Index/{App.CaseA}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        token.ShouldNotBeNullOrEmpty();
        var read = Bearer(await CreateKeyAsync(consultant, "read"));

        var response = await read.GetAsync($"/api/cases/{App.CaseA}/timeline?host=api-host-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("caseId").GetGuid().ShouldBe(App.CaseA);
        var item = json.RootElement.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("kind").GetString().ShouldBe("ManualEvent");
        item.GetProperty("tactic").GetString().ShouldBe("Persistence");
        item.GetProperty("at").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 11, 20, 3, 14, 15, TimeSpan.Zero));
        (await read.GetAsync($"/api/cases/{Guid.NewGuid()}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var upload = Bearer(await CreateKeyAsync(consultant, "collector", App.CaseA));
        (await upload.GetAsync($"/api/cases/{App.CaseA}/timeline")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a collector key has no read scope");
        var clientKey = Bearer(await CreateKeyAsync(await App.SignedInClientAsync(App.ClientUserAEmail), "read"));
        (await clientKey.GetAsync($"/api/cases/{App.CaseA}/timeline")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the timeline is for staff");
    }

    [SkippableFact]
    public async Task TheTimelinePage_RefusesAFutureEvent_WithAMessage_AndStoresNothing()
    {
        var consultant = await App.SignedInClientAsync(App.ConsultantEmail);
        var before = await App.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.TimelineEvents));

        var response = await consultant.PostFormAsync($"/Cases/Timeline/Index/{App.CaseA}?handler=Add", new()
        {
            ["Input.OccurredAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Description"] = "From the future",
        }, formPage: $"/Cases/Timeline/Index/{App.CaseA}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The event&#x27;s time lies in the future.");
        (await App.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.TimelineEvents))).ShouldBe(before);
        var csv = await consultant.GetAsync($"/Cases/Timeline/Index/{App.CaseA}?handler=Csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).ShouldContain("time_utc,lane,kind");
    }
}
