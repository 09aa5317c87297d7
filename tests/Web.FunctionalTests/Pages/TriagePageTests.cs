using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.BackgroundJobs;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>
/// The host triage page (issue 11, item 4) over HTTP, read from the run store: the process tree with the fake kernel thread
/// and its children highlighted under their parent, connections with their process, failed logins by source; findings
/// on the evidence page link to the rows behind them; collection and flagged process starts reach the case timeline.
/// </summary>
public sealed partial class TriagePageTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    private async Task<Guid> AnalysedBundleAsync(byte[] bundle, string name)
    {
        var id = await app.AsSystemAsync(async s =>
        {
            var upload = await s.Send(new BeginEvidenceUploadCommand(app.CaseA, name, bundle.Length));
            await s.Send(new AppendEvidenceChunkCommand(upload, 0, new MemoryStream(bundle)));
            return await s.Send(new CompleteEvidenceUploadCommand(upload, "web test"));
        });
        await app.InScopeAsync(async sp =>
        {
            await ActivatorUtilities.CreateInstance<EvidenceAnalysisJob>(sp).RunAsync(id, CancellationToken.None);
            return 0;
        });
        return id;
    }

    [Fact]
    public async Task TheTriagePage_ShowsTheTreeConnectionsAndFailedLogins_AndFindingsLinkToTheirRows()
    {
        var id = await AnalysedBundleAsync(TriageScenarios.LinuxCompromised(), "triage-web01-20261130T120000Z.tar.gz");
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var details = await consultant.GetStringAsync($"/Cases/Evidence/Details/{id}");
        details.ShouldContain($"href=\"/Cases/Evidence/Triage/{id}\" id=\"open-triage\"");
        var page = await consultant.GetStringAsync($"/Cases/Evidence/Triage/{id}");

        // The tree: 11275 under systemd (pid 1), its two children under it, all three flagged and their branch open.
        var tree = page[page.IndexOf("id=\"process-tree\"", StringComparison.Ordinal)..page.IndexOf("id=\"auth-failures\"", StringComparison.Ordinal)];
        tree.ShouldContain("<li class=\"flagged\" data-pid=\"11275\">");
        tree.ShouldContain("<li class=\"flagged\" data-pid=\"11276\">");
        Regex.IsMatch(tree, "data-pid=\"1\">\\s*<details open=\"open\">").ShouldBeTrue("systemd's branch holds the fake thread: open");
        tree.IndexOf("data-pid=\"11275\"", StringComparison.Ordinal).ShouldBeGreaterThan(tree.IndexOf("data-pid=\"1\"", StringComparison.Ordinal));
        tree.IndexOf("data-pid=\"11277\"", StringComparison.Ordinal).ShouldBeGreaterThan(tree.IndexOf("data-pid=\"11275\"", StringComparison.Ordinal));
        Regex.IsMatch(tree, "data-pid=\"2\">(?!\\s*<details)").ShouldBeTrue("kthreadd has no children here: a plain leaf");
        tree.ShouldContain("fake kernel thread");

        // Connections with their process (the default table), failed logins by source.
        page.ShouldContain("data-table=\"connections\"");
        page.ShouldContain("[ksoftirqd/7]");
        page.ShouldContain("198.51.100.7:6667");
        page.ShouldContain("id=\"chart-auth\"");
        page.ShouldContain("198.51.100.20");

        // Each finding links to the rows that caused it, and those rows are there.
        var links = RowLink().Matches(details).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        links.Count.ShouldBeGreaterThan(5);
        foreach (var link in links)
        {
            var rows = await consultant.GetStringAsync(link);
            TotalRows().Match(rows).Groups[1].Value.ShouldNotBeOneOf(["", "0"], $"{link} shows no rows");
        }

        var fake = links.Single(l => l.Contains("table=processes", StringComparison.Ordinal) && l.Contains("ntps.conf", StringComparison.Ordinal));
        TotalRows().Match(await consultant.GetStringAsync(fake)).Groups[1].Value.ShouldBe("3", "the fake thread and its two children");
    }

    [Fact]
    public async Task CollectionAndFlaggedProcessStarts_ReachTheCaseTimeline()
    {
        var id = await AnalysedBundleAsync(TriageScenarios.LinuxCompromised(), "triage-timeline.tar.gz");
        var evidenceId = new EvidenceId(id);

        var entries = await app.InDbAsync(db => db.Timeline.AsNoTracking().Where(t => t.EvidenceId == evidenceId).ToListAsync());

        entries.ShouldContain(e => e.Kind == TimelineEntryKind.TriageCollected && e.UnixNanoseconds == TriageScenarios.Collected.ToUnixTimeSeconds() * 1_000_000_000);
        var started = entries.Single(e => e.Kind == TimelineEntryKind.ProcessStarted && e.Detail!.StartsWith("pid 11275 ", StringComparison.Ordinal));
        started.Detail.ShouldNotBeNull().ShouldContain("fake-kernel-thread");
        started.Subject.ShouldBe("triage-timeline.tar.gz");
        entries.ShouldNotContain(e => e.Kind == TimelineEntryKind.ProcessStarted && e.Detail!.StartsWith("pid 1 ", StringComparison.Ordinal), "unflagged processes stay off the timeline");

        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);
        var caseId = await app.InDbAsync(db => db.Evidence.Where(e => e.Id == evidenceId).Select(e => e.CaseId).SingleAsync());
        WebUtility.HtmlDecode(await consultant.GetStringAsync($"/Cases/Details/{caseId.Value}")).ShouldContain("Flagged process started: pid 11275 [ksoftirqd/7]");
    }

    [Fact]
    public async Task OtherEvidence_HasNoTriagePage()
    {
        var id = await AnalysedBundleAsync(await File.ReadAllBytesAsync(TestData.Pcap("zeek_icmp-5-pings.pcap")), "pings.pcap");
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        (await consultant.GetAsync($"/Cases/Evidence/Triage/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("href=\"(/Cases/Evidence/Triage/[^\"]+table=[^\"]+)\"")]
    private static partial Regex RowLink();

    [GeneratedRegex("id=\"triage-table\" data-table=\"[a-z_]+\" data-total=\"(\\d+)\"")]
    private static partial Regex TotalRows();
}
