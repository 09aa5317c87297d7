using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Remediation.Queries;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Remediation;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.FunctionalTests.Remediation;

/// <summary>
/// The remediation pages as a browser uses them: every item form carries its antiforgery token, proof files go up through the
/// portal and come back only as attachments, a file over the limit is refused with a message, and an administrator's edit of
/// a playbook in use is saved as a new version that says so.
/// </summary>
public sealed partial class RemediationPagesTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    private async Task<(Guid ItemA, Guid ItemB)> AssignedItemsAsync()
    {
        async Task<Guid> SeedAsync(Guid caseId, string email, IncidentType type)
        {
            await app.AsSystemAsync(async s =>
            {
                await s.Send(new ConfirmClassificationCommand(caseId, type, null, Severity.High, "pages"));
                return 0;
            });
            var userId = await app.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            var item = (await app.AsSystemAsync(s => s.Send(new GetRemediationQuery(caseId)))).Items.First(i => i.AssigneeUserId == null);
            await app.AsSystemAsync(async s =>
            {
                await s.Send(new AssignRemediationItemCommand(item.Id, userId, null));
                return 0;
            });
            return item.Id;
        }

        return (await SeedAsync(app.CaseA, app.ClientUserAEmail, IncidentType.Ransomware), await SeedAsync(app.CaseB, app.ClientUserBEmail, IncidentType.Cryptomining));
    }

    private static async Task<HttpResponseMessage> PostProofAsync(HttpClient client, string page, Guid itemId, string fileName, byte[] content)
    {
        var token = await client.AntiforgeryTokenAsync(page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(itemId.ToString()), "Input.ItemId" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        form.Add(file, "file", fileName);
        return await client.PostAsync(page + "?handler=Proof", form);
    }

    [Fact]
    public async Task EveryItemForm_CarriesItsAntiforgeryToken()
    {
        await AssignedItemsAsync();
        foreach (var (client, page) in new[]
                 {
                     (await app.SignedInClientAsync(app.ClientUserAEmail), $"/Portal/Remediation/Index/{app.CaseA}"),
                     (await app.SignedInClientAsync(app.ConsultantEmail), $"/Cases/Remediation/Index/{app.CaseA}"),
                 })
        {
            var html = await client.GetStringAsync(page);
            var forms = ItemForm().Matches(html).Select(m => m.Value).ToList();
            forms.ShouldNotBeEmpty();
            forms.ShouldAllBe(f => f.Contains("name=\"__RequestVerificationToken\""), page);
        }
    }

    [Fact]
    public async Task Client_AttachesAProof_InThePortal_StaffAndTheClientDownloadItAsAnAttachment_OthersGet404()
    {
        var (itemA, itemB) = await AssignedItemsAsync();
        var clientA = await app.SignedInClientAsync(app.ClientUserAEmail);
        var portal = $"/Portal/Remediation/Index/{app.CaseA}";
        var bytes = "<html><script>alert('x')</script></html>"u8.ToArray();

        var posted = await PostProofAsync(clientA, portal, itemA, "edr-screenshot.html", bytes);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var proof = (await app.AsSystemAsync(s => s.Send(new GetRemediationQuery(app.CaseA)))).Items.Single(i => i.Id == itemA).Proofs.ShouldHaveSingleItem();
        proof.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        (await clientA.GetStringAsync(portal)).ShouldContain("edr-screenshot.html");

        foreach (var (client, url) in new[]
                 {
                     (clientA, $"{portal}?handler=Proof&proofId={proof.Id}"),
                     (await app.SignedInClientAsync(app.ConsultantEmail), $"/Cases/Remediation/Index/{app.CaseA}?handler=Proof&proofId={proof.Id}"),
                 })
        {
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
            response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            (await response.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        }

        // client B: neither the proof nor client A's item exists for them; nothing is attached
        var clientB = await app.SignedInClientAsync(app.ClientUserBEmail);
        (await clientB.GetAsync($"/Portal/Remediation/Index/{app.CaseA}?handler=Proof&proofId={proof.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clientB.GetAsync($"/Portal/Remediation/Index/{app.CaseB}?handler=Proof&proofId={proof.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostProofAsync(clientB, $"/Portal/Remediation/Index/{app.CaseB}", itemA, "sneaky.png", [1, 2, 3])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.RemediationProofs.CountAsync(p => p.ItemId == itemA))).ShouldBe(1);
        (await app.InDbAsync(db => db.RemediationProofs.CountAsync(p => p.ItemId == itemB))).ShouldBe(0);
    }

    [Fact]
    public async Task AProofOverTheLimit_IsRefusedWithAMessage_InTheReadersLanguage_AndNothingIsStored()
    {
        var (itemA, _) = await AssignedItemsAsync();
        var clientA = await app.SignedInClientAsync(app.ClientUserAEmail);
        clientA.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");
        var before = await app.InDbAsync(db => db.RemediationProofs.CountAsync());

        var response = await PostProofAsync(clientA, $"/Portal/Remediation/Index/{app.CaseA}", itemA, "huge.png", new byte[(10 * 1024 * 1024) + 1]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("class=\"errors\"");
        html.ShouldContain("证明文件超过大小限制；未保存任何内容。");
        (await app.InDbAsync(db => db.RemediationProofs.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Admin_EditsAPlaybookInUse_ANewVersionIsSaved_TheCaseKeepsItsSteps_AndThePageSaysSo()
    {
        await AssignedItemsAsync();   // case B was given the mining playbook
        var admin = await app.AdminAsync();
        var editor = await admin.GetStringAsync("/Admin/Playbooks/Edit/cryptomining");
        var version = await app.InDbAsync(db => db.Playbooks.Where(p => p.Type == IncidentType.Cryptomining).MaxAsync(p => p.Version));
        editor.ShouldContain("data-testid=\"in-use\"");
        var steps = Application.Remediation.RemediationPlanner.SeedSteps["cryptomining"];
        var fields = new Dictionary<string, string> { ["BasedOnVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (var i = 0; i < steps.Count; i++)
        {
            fields[$"Rows[{i}].Key"] = steps[i].Key;
            fields[$"Rows[{i}].Stage"] = steps[i].Stage.ToString();
            fields[$"Rows[{i}].Order"] = ((steps.Count - i) * 10).ToString(System.Globalization.CultureInfo.InvariantCulture);   // reversed
            fields[$"Rows[{i}].En"] = steps[i].En;
            fields[$"Rows[{i}].Zh"] = steps[i].Zh;
        }

        // a new step with English only: refused with a message, the rows as typed are shown again, nothing saved
        fields[$"Rows[{steps.Count}].En"] = "Tell the hosting provider.";
        var refused = await admin.PostFormAsync("/Admin/Playbooks/Edit/cryptomining", fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        refusedHtml.ShouldContain("Every step needs a key, an English text and a Chinese text.");
        refusedHtml.ShouldContain("Tell the hosting provider.");
        (await app.InDbAsync(db => db.Playbooks.Where(p => p.Type == IncidentType.Cryptomining).MaxAsync(p => p.Version))).ShouldBe(version);

        fields[$"Rows[{steps.Count}].Zh"] = "通知托管服务商。";
        var saved = await admin.PostFormAsync("/Admin/Playbooks/Edit/cryptomining", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await admin.GetStringAsync(saved.Headers.Location!.ToString());
        page.ShouldContain($"Saved as version {version + 1}.");
        page.ShouldContain("1 case(s) already given an earlier version keep their steps unchanged.");

        var stored = await app.InDbAsync(db => db.Playbooks.Where(p => p.Type == IncidentType.Cryptomining).OrderByDescending(p => p.Version).FirstAsync());
        var newSteps = Application.Remediation.RemediationPlanner.Steps(stored);
        newSteps.Count.ShouldBe(steps.Count + 1);
        newSteps[0].Key.ShouldBe(steps[^1].Key);
        var items = (await app.AsSystemAsync(s => s.Send(new GetRemediationQuery(app.CaseB)))).Items.Where(i => i.Source == RemediationSource.Playbook).ToList();
        items.ShouldAllBe(i => i.PlaybookVersion == version);
        items.Count.ShouldBe(steps.Count);

        // a second save based on the old version: refused, nothing saved
        var stale = await admin.PostFormAsync("/Admin/Playbooks/Edit/cryptomining", fields);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Someone saved a newer version of this playbook meanwhile");
        (await app.InDbAsync(db => db.Playbooks.CountAsync(p => p.Type == IncidentType.Cryptomining))).ShouldBe(version + 1);
    }

    [GeneratedRegex("<form method=\"post\"[^>]*handler=(Status|Assign|Proof)[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex ItemForm();
}
