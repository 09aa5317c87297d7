using System.Diagnostics;
using System.Text.RegularExpressions;
using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.FunctionalTests.Evidence;
using CaseManager.Application.Indicators.Commands.AddManualIndicator;
using CaseManager.Application.Indicators.Commands.UpdateIndicators;
using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Reports;
using CaseManager.Application.Timeline.Commands.AddTimelineEvent;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;
using CaseManager.Domain.Remediation;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace CaseManager.Application.FunctionalTests.Reports;

/// <summary>
/// The client report generated from a real case — the mining capture and a compromised host's triage bundle analysed,
/// classified, indicators confirmed, remediation under way — read back from the PDF with PdfPig and from the HTML, in
/// English and Chinese; and from an empty case, which must say what is missing instead of failing.
/// </summary>
public abstract partial class ReportGeneratorTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    private const string Narrative = """
        A miner ran on **web01** for three days.

        <script>alert('x')</script>

        ![tracking pixel](https://evil.example/pixel.png) and [the pool](https://pool.supportxmr.com/) <img src="http://evil.example/b.png">

        - Block the pool
        - Rebuild `web01`
        """;

    private async Task<(Guid CaseId, Guid Capture, Guid Triage)> AnalysedCaseAsync()
    {
        var clientId = await App.SendAsync(new Application.Clients.Commands.CreateClient.CreateClientCommand(Unique("Report client 报告客户"), null, null, []));
        var caseId = await App.SendAsync(new Application.Cases.Commands.OpenCase.OpenCaseCommand(clientId, "Miner on web01 / 挖矿", null, Severity.High, TrafficLightProtocol.Amber));
        var capture = await UploadAsync(caseId, MiningCapture, await File.ReadAllBytesAsync(TestData.Pcap(MiningCapture)));
        await AnalyseAsync(capture);
        var triage = await UploadAsync(caseId, "web01-triage.tar.gz", TriageScenarios.LinuxCompromised());
        await AnalyseAsync(triage);
        await App.SendAsync(new ConfirmClassificationCommand(caseId, IncidentType.Cryptomining, "XMRig", Severity.High, "miner found by triage"));
        await App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Domain, "pool.evil-report.example", IndicatorStatus.ConfirmedMalicious, TrafficLightProtocol.Amber, "c2", "seen by the client", null));
        await App.SendAsync(new UpdateIndicatorsCommand(caseId, ["Domain:pool.supportxmr.com"], IndicatorStatus.ConfirmedMalicious));
        await App.SendAsync(new AddTimelineEventCommand(caseId, DateTimeOffset.UtcNow.AddDays(-2), "web01", "Client noticed the fans", AttackTactic.Impact));
        var item = await App.InDbAsync(db => db.RemediationItems.Where(i => i.CaseId == new CaseId(caseId) && i.Stage == RemediationStage.Containment).OrderBy(i => i.Order).FirstAsync());
        await App.SendAsync(new UpdateRemediationItemCommand(item.Id, RemediationStatus.InProgress, null, null, null));
        await App.SendAsync(new UpdateRemediationItemCommand(item.Id, RemediationStatus.Done, "killed", null, null));
        return (caseId, capture, triage);
    }

    private Task<GeneratedReport> GenerateAsync(Guid caseId, string language, string? summary = Narrative, string? recommendations = Narrative) =>
        App.InScopeAsync(sp => sp.GetRequiredService<IReportGenerator>().GenerateAsync(
            new ReportRequest(new CaseId(caseId), language, 3, "Alice Analyst 艾丽丝", new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), new ReportNarrative(summary, recommendations)),
            CancellationToken.None));

    [SkippableFact]
    public async Task AnalysedCase_InEnglishAndChinese_ReadsBackFromThePdf_WithTlpOnEveryPage_AndTheEvidenceHashes()
    {
        var (caseId, capture, triage) = await AnalysedCaseAsync();
        var hashes = await App.InDbAsync(db => db.Evidence.Where(e => e.CaseId == new CaseId(caseId)).Select(e => e.Sha256).ToListAsync());
        hashes.Count.ShouldBe(2);
        var number = await App.InDbAsync(db => db.Cases.Where(c => c.Id == new CaseId(caseId)).Select(c => c.Number).SingleAsync());

        foreach (var (language, expected) in new[]
        {
            ("en", new[] { "Incident response report", "Executive summary", "What happened", "Cryptomining", "Appendix A", "Protocol mix", "Remediation status" }),
            ("zh-CN", new[] { "事件响应报告", "执行摘要", "事件经过", "挖矿", "附录 A", "协议构成", "处置进展", "报告客户" }),
        })
        {
            var report = await GenerateAsync(caseId, language);
            await SaveAsync($"report-{language}", report);

            using var pdf = PigDocument.Open(report.Pdf);
            pdf.NumberOfPages.ShouldBe(report.PageCount);
            report.PageCount.ShouldBeGreaterThan(5);
            var pages = pdf.GetPages().Select(p => p.Text).ToList();
            var all = string.Join('\n', pages);
            all.ShouldNotContain('\0', "every glyph maps back to its character");
            pages.ShouldAllBe(p => p.Contains("TLP:AMBER"));
            for (var i = 0; i < pages.Count; i++)
            {
                Compact(pages[i]).ShouldContain(Compact(language == "en" ? $"Page {i + 1} of {pages.Count}" : $"第 {i + 1} 页，共 {pages.Count} 页"));
            }

            pages[0].ShouldContain(number.Value);
            Compact(pages[0]).ShouldContain(Compact(language == "en" ? "Report version3" : "报告版本3"));
            foreach (var text in expected)
            {
                Compact(all).ShouldContain(Compact(text));
            }

            // the custody appendix carries each item's stored SHA-256, whole
            var appendix = pages.FindIndex(p => Compact(p).Contains(Compact(language == "en" ? "Appendix A — Evidence" : "附录 A — 证据"), StringComparison.Ordinal));
            appendix.ShouldBeGreaterThan(0);
            var appendixText = string.Concat(pages.Skip(appendix));
            foreach (var sha in hashes)
            {
                appendixText.ShouldContain(sha);
            }

            // confirmed indicators, and the sanitised narrative: no script, no remote image, text kept
            all.ShouldContain("pool.evil-report.example");
            all.ShouldContain("pool.supportxmr.com");
            all.ShouldContain("A miner ran on");
            all.ShouldNotContain("<script");
            all.ShouldNotContain("evil.example/pixel.png");

            var html = System.Text.Encoding.UTF8.GetString(report.Html);
            html.ShouldStartWith("<!DOCTYPE html>");
            html.ShouldContain($"lang=\"{language}\"");
            html.ShouldNotContain("<script", Case.Insensitive);
            ExternalReference().Matches(html).Select(m => m.Value).ShouldBeEmpty("a standalone report makes no request");
            html.ShouldNotContain("evil.example/pixel.png");
            html.ShouldNotContain("<img src=\"http", Case.Insensitive);
            Regex.Matches(html, "<img [^>]*src=\"data:image/png;base64,").Count.ShouldBeGreaterThanOrEqualTo(4, "timeline, protocol mix, top talkers, conversations");
            html.ShouldContain("<strong>web01</strong>");
            html.ShouldContain("TLP:AMBER");
            foreach (var sha in hashes)
            {
                html.ShouldContain(sha);
            }

            foreach (var text in expected)
            {
                html.ShouldContain(System.Net.WebUtility.HtmlEncode(text));
            }

            // custody details are stored in English (hash-chained) and printed in the report's language, values kept
            html.ShouldContain(language == "en" ? $" bytes; sha256 {hashes[0]}" : $" 字节；sha256 {hashes[0]}");
            html.ShouldContain(language == "en" ? " warnings" : " 条警告");
            if (language == "zh-CN")
            {
                html.ShouldNotContain(" bytes; sha256");
            }
        }

        (capture, triage).ShouldNotBe((Guid.Empty, Guid.Empty));
    }

    [SkippableFact]
    public async Task FirstPage_RendersToANonBlankImage()
    {
        var caseId = await NewCaseAsync();
        var report = await GenerateAsync(caseId, "zh-CN");
        var dir = Directory.CreateTempSubdirectory("report-page");
        try
        {
            var pdf = Path.Combine(dir.FullName, "r.pdf");
            await File.WriteAllBytesAsync(pdf, report.Pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", pdf, Path.Combine(dir.FullName, "page")]) { RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
            var png = Directory.GetFiles(dir.FullName, "page*.png").ShouldHaveSingleItem();
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            bitmap.Width.ShouldBeInRange(410, 416, "A4 at 50 dpi");
            bitmap.Height.ShouldBeInRange(582, 588);
            var inked = 0;
            for (var y = 0; y < bitmap.Height; y += 2)
            {
                for (var x = 0; x < bitmap.Width; x += 2)
                {
                    var c = bitmap.GetPixel(x, y);
                    if (c.Red < 200 || c.Green < 200 || c.Blue < 200)
                    {
                        inked++;
                    }
                }
            }

            inked.ShouldBeGreaterThan(500, "the cover has its title, case number, TLP label and facts");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [SkippableFact]
    public async Task EmptyCase_SaysWhatIsMissing_InBothLanguages()
    {
        var caseId = await NewCaseAsync();
        foreach (var (language, expected) in new[]
        {
            ("en", new[] { "No classification has been confirmed yet.", "No evidence has been received yet.", "No remediation plan yet.", "No executive summary has been written", "No indicator of compromise has been confirmed" }),
            ("zh-CN", new[] { "尚未确认事件定性。", "尚未收到任何证据。", "尚无处置计划。", "本版本尚未撰写执行摘要。", "尚无被确认为恶意的失陷指标。" }),
        })
        {
            var report = await GenerateAsync(caseId, language, summary: null, recommendations: "   ");
            await SaveAsync($"report-empty-{language}", report);
            using var pdf = PigDocument.Open(report.Pdf);
            var all = Compact(string.Join('\n', pdf.GetPages().Select(p => p.Text)));
            pdf.GetPages().ShouldAllBe(p => p.Text.Contains("TLP:AMBER"));
            var html = System.Text.Encoding.UTF8.GetString(report.Html);
            foreach (var text in expected)
            {
                all.ShouldContain(Compact(text));
                html.ShouldContain(System.Net.WebUtility.HtmlEncode(text));
            }
        }
    }

    [SkippableFact]
    public async Task UnknownLanguage_IsRefused_AndAnotherTenantsCaseIsNotFound()
    {
        var caseId = await NewCaseAsync();
        await Should.ThrowAsync<ArgumentException>(() => GenerateAsync(caseId, "fr"));
        await Should.ThrowAsync<NotFoundException>(() => GenerateAsync(Guid.NewGuid(), "en"));
    }

    /// <summary>PdfPig's page text has no spaces between words drawn separately; compare without white space.</summary>
    private static string Compact(string text) => WhiteSpace().Replace(text, string.Empty);

    private static async Task SaveAsync(string name, GeneratedReport report)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "reports");
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, name + ".pdf"), report.Pdf);
        await File.WriteAllBytesAsync(Path.Combine(dir, name + ".html"), report.Html);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"(?:src|href|srcset|action|poster|data)\s*=\s*[""']?\s*(?:https?:)?//|url\(\s*[""']?\s*(?:https?:)?//|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

public sealed class ReportGeneratorOnSqliteTests(SqliteApp app) : ReportGeneratorTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ReportGeneratorOnPostgresTests(PostgresApp app) : ReportGeneratorTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>The report's own strings: every English key has its Chinese text, and the Markdown rules hold without a database.</summary>
public sealed class ReportTextTests
{
    [Fact]
    public void EveryReportString_HasAChineseTranslation()
    {
        var english = CaseManager.Infrastructure.Reports.ReportText.Resources.GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, true, true)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var chinese = CaseManager.Infrastructure.Reports.ReportText.Resources.GetResourceSet(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), true, false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        english.Count.ShouldBeGreaterThan(200);
        english.Keys.Except(chinese.Keys).ShouldBeEmpty();
        chinese.Values.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v));
        foreach (var type in new[] { typeof(IncidentType), typeof(IndicatorType), typeof(RemediationStage), typeof(RemediationStatus), typeof(Severity), typeof(FindingSeverity),
            typeof(CasePhase), typeof(CustodyAction), typeof(EvidenceKind), typeof(AnalysisStatus), typeof(AttackTactic), typeof(Application.Timeline.TimelineItemKind), typeof(Application.Timeline.TimelineLane) })
        {
            foreach (var name in Enum.GetNames(type))
            {
                english.Keys.ShouldContain($"{type.Name}.{name}");
            }
        }

        foreach (var tlp in Enum.GetNames<TrafficLightProtocol>())
        {
            chinese.Keys.ShouldContain($"TlpMeaning.{tlp}");
        }
    }

    [Fact]
    public void Markdown_DropsScriptsAndRawHtml_AndTurnsLinksAndImagesIntoText()
    {
        var narrative = CaseManager.Infrastructure.Reports.ReportMarkdown.Convert(
            "Hello <b onclick=\"x()\">there</b>\n\n<script>\nalert(1)\n</script>\n\n![pixel](https://evil.example/p.png) [site](javascript:alert(2)) <https://auto.example/>\n\n<iframe src=\"https://evil.example/\"></iframe>");
        narrative.SafeHtml.ShouldNotContain("<script", Case.Insensitive);
        narrative.SafeHtml.ShouldNotContain("alert(1)");
        narrative.SafeHtml.ShouldNotContain("<img", Case.Insensitive);
        narrative.SafeHtml.ShouldNotContain("<a ", Case.Insensitive);
        narrative.SafeHtml.ShouldNotContain("<iframe", Case.Insensitive);
        narrative.SafeHtml.ShouldNotContain("onclick");
        narrative.SafeHtml.ShouldNotContain("evil.example/p.png");
        narrative.SafeHtml.ShouldContain("[pixel]");
        narrative.SafeHtml.ShouldContain("site (javascript:alert(2))", customMessage: "kept as inert text, never a link");
        var text = string.Concat(narrative.Blocks.OfType<CaseManager.Infrastructure.Reports.ParagraphBlock>().SelectMany(p => p.Runs).Select(r => r.Text));
        text.ShouldContain("Hello there");
        text.ShouldNotContain("alert(1)");
        text.ShouldNotContain("<");
    }
}
