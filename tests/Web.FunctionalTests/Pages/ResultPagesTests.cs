using System.Net;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Infrastructure.BackgroundJobs;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>
/// The traffic and transcript pages over HTTP, read from the run store: one table partial with formatted cells, sortable
/// headers and a pager; a query parameter out of range answers 400 with the reason on the page, never a 500.
/// </summary>
public sealed class ResultPagesTests(WebTestApp app) : IClassFixture<WebTestApp>
{
    private async Task<Guid> AnalysedCaptureAsync(string pcap)
    {
        var bytes = await File.ReadAllBytesAsync(TestData.Pcap(pcap));
        var id = await app.AsSystemAsync(async s =>
        {
            var upload = await s.Send(new BeginEvidenceUploadCommand(app.CaseA, pcap, bytes.Length));
            await s.Send(new AppendEvidenceChunkCommand(upload, 0, new MemoryStream(bytes)));
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
    public async Task TrafficPage_ShowsTheConversationsTable_FormattedAndSortable_AndIrcOpensItsTranscript()
    {
        var id = await AnalysedCaptureAsync("zeek_irc-basic.pcap");
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var page = await consultant.GetStringAsync($"/Cases/Evidence/Traffic/{id}?sort=bytes_ab&desc=true");

        page.ShouldContain("id=\"traffic-table\" data-table=\"conversations\" data-total=\"1\"");
        page.ShouldContain("id=\"traffic-conversations\" data-count=\"1\"");
        page.ShouldContain("aria-sort=\"descending\"");
        page.ShouldContain("2016-02-08 20:53:06.195", Case.Sensitive, "times in UTC to the millisecond");
        page.ShouldContain("2016-02-08 20:53:06.195024000 UTC (1454964786195024000 ns)", Case.Sensitive, "the full value on hover");
        page.ShouldContain("5,923", Case.Sensitive, "byte counts grouped");

        var irc = await consultant.GetStringAsync($"/Cases/Evidence/Traffic/{id}?table=irc");
        var link = System.Text.RegularExpressions.Regex.Match(irc, "href=\"(/Cases/Evidence/Transcript/[^\"]+)\" data-testid=\"row-link\"").Groups[1].Value;
        link.ShouldNotBeEmpty();
        var transcript = await consultant.GetStringAsync(WebUtility.HtmlDecode(link));
        transcript.ShouldContain("NICK brotest");
    }

    [Theory]
    [InlineData("?p=0", "Pages are numbered from 1")]
    [InlineData("?p=2", "past the last page")]
    [InlineData("?sort=nope", "no column 'nope'")]
    [InlineData("?table=nope", "no table 'nope'")]
    [InlineData("?q=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "at most 200 characters")]
    public async Task QueryOutOfRange_Answers400_WithTheReason(string query, string reason)
    {
        var id = await AnalysedCaptureAsync("zeek_icmp-5-pings.pcap");
        var consultant = await app.SignedInClientAsync(app.ConsultantEmail);

        var response = await consultant.GetAsync($"/Cases/Evidence/Traffic/{id}{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(reason);
    }
}
