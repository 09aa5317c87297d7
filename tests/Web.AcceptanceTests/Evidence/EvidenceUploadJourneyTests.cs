using System.Security.Cryptography;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;

namespace CaseManager.Web.AcceptanceTests.Evidence;

public sealed class EvidenceUploadJourneyTests(WorkerBrowserFixture fixture) : IClassFixture<WorkerBrowserFixture>
{
    [Fact]
    public async Task Consultant_UploadsTwoFiles_SeesBothProgressBars_AndBothInTheRegisterWithTheirHashes()
    {
        var clientId = await fixture.App.AsSystemAsync(s => s.Send(new CreateClientCommand("Harbour Logistics", "Transport", null, [])));
        var caseId = await fixture.App.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Beaconing from the depot", null, Severity.High, TrafficLightProtocol.Amber)));
        var capture = await File.ReadAllBytesAsync(TestData.Pcap("zeek_icmp-5-pings.pcap"));
        var notes = System.Text.Encoding.UTF8.GetBytes($"triage notes {Guid.NewGuid()}\nps auxf shows [kworker/0:9] with ppid 1\n");

        var page = await fixture.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        await page.GotoAsync($"/Cases/Evidence/Index/{caseId}");
        await page.SetInputFilesAsync("#evidence-files", new[]
        {
            new FilePayload { Name = "depot-gw.pcap", MimeType = "application/vnd.tcpdump.pcap", Buffer = capture },
            new FilePayload { Name = "triage-notes.txt", MimeType = "text/plain", Buffer = notes },
        });
        await page.FillAsync("#received-from", "client's SFTP drop");
        await page.ClickAsync("#start-upload");

        var rows = page.Locator("#upload-progress li.upload");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#upload-progress li.upload.done")).ToHaveCountAsync(2);
        foreach (var bar in await page.Locator("#upload-progress li.upload progress").AllAsync())
        {
            (await bar.EvaluateAsync<int>("b => b.value")).ShouldBe(100);
        }

        var register = page.Locator("#evidence-register");
        await Assertions.Expect(register.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(register).ToContainTextAsync(Convert.ToHexStringLower(SHA256.HashData(capture)));
        await Assertions.Expect(register).ToContainTextAsync(Convert.ToHexStringLower(SHA256.HashData(notes)));
        await Assertions.Expect(register).ToContainTextAsync(Convert.ToHexStringLower(MD5.HashData(capture)));

        // The analysis finishes in the background; the page shows it without a reload.
        var captureRow = register.Locator("tbody tr", new() { HasText = "depot-gw.pcap" });
        await Assertions.Expect(captureRow.Locator("td.analysis")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
        await fixture.ScreenshotAsync(page, "evidence-register");
    }
}
