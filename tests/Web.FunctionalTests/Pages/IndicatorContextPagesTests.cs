using System.Net;
using System.Runtime.CompilerServices;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Infrastructure.BackgroundJobs;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;
using CaseManager.Web.FunctionalTests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.FunctionalTests.Pages;

/// <summary>
/// Analysers store indicator contexts in English; the evidence page and the IOC register show them in the reader's
/// language, and a consultant's note on a manual indicator is shown as written even when it reads like a context. Runs on
/// SQLite and PostgreSQL.
/// </summary>
public abstract class IndicatorContextPagesTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : WebTestApp
{
    /// <summary>One analysed bundle per test app (xunit makes a test class instance per test).</summary>
    private static readonly ConditionalWeakTable<TApp, Lazy<Task<Guid>>> Analysed = new();

    private Task<Guid> AnalysedBundleAsync() => Analysed.GetValue(App, a => new Lazy<Task<Guid>>(() => AnalyseAsync(a))).Value;

    private static async Task<Guid> AnalyseAsync(TApp app)
    {
        var bundle = TriageScenarios.LinuxCompromised();
        var id = await app.AsSystemAsync(async s =>
        {
            var upload = await s.Send(new BeginEvidenceUploadCommand(app.CaseB, "triage-web01-20261130T120000Z.tar.gz", bundle.Length));
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

    [SkippableFact]
    public async Task EvidencePage_ShowsContextsInChinese_AndInEnglishAsStored()
    {
        var id = await AnalysedBundleAsync();
        var consultant = await App.SignedInClientAsync(App.ConsultantEmail);

        var english = await consultant.GetStringAsync($"/Cases/Evidence/Details/{id}");
        english.ShouldContain("executable of pid 800");
        english.ShouldContain("pid 800 tcp 198.51.100.7:6667");
        english.ShouldContain("12 failed logins then a login as root");

        consultant.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");
        var chinese = await consultant.GetStringAsync($"/Cases/Evidence/Details/{id}");
        chinese.ShouldContain("进程 PID 800 的可执行文件");
        chinese.ShouldContain("进程 PID 800 的 tcp 连接 198.51.100.7:6667");
        chinese.ShouldContain("12 次登录失败后以 root 身份登录成功");
        chinese.ShouldContain("cron 计划任务：/var/spool/cron/crontabs/root");
        chinese.ShouldNotContain("executable of pid");
        chinese.ShouldNotContain("failed logins");
    }

    [SkippableFact]
    public async Task Register_ShowsSourceContextsInChinese_AndLeavesAManualNoteAsWritten()
    {
        await AnalysedBundleAsync();
        var consultant = await App.SignedInClientAsync(App.ConsultantEmail);
        var page = $"/Cases/Indicators/Index/{App.CaseB}";
        const string Note = "port scan source, pid 4242";
        (await consultant.PostFormAsync($"{page}?handler=Manual", new()
        {
            ["Manual.Type"] = "Domain", ["Manual.Value"] = $"n-{Guid.NewGuid():N}.example.org", ["Manual.Status"] = "Suspected", ["Manual.Tlp"] = "Amber", ["Manual.Note"] = Note,
        }, formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await consultant.GetStringAsync(page)).ShouldContain("25 failed logins");

        consultant.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN");
        var chinese = await consultant.GetStringAsync(page);
        chinese.ShouldContain("25 次登录失败");
        chinese.ShouldContain("已加载的内核模块");
        chinese.ShouldContain("authorized_keys 在最近 7 天内被修改");
        chinese.ShouldNotContain("failed logins");
        chinese.ShouldContain(Note);
    }
}

public sealed class IndicatorContextPagesOnSqliteTests(WebTestApp app) : IndicatorContextPagesTests<WebTestApp>(app), IClassFixture<WebTestApp>;

public sealed class IndicatorContextPagesOnPostgresTests(PostgresWebTestApp app) : IndicatorContextPagesTests<PostgresWebTestApp>(app), IClassFixture<PostgresWebTestApp>;
