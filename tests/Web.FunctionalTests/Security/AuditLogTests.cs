using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CaseManager.Application.Audit;
using CaseManager.Application.Audit.Commands.PruneAuditLog;
using CaseManager.Application.Audit.Queries.VerifyAuditChain;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Application.Evidence.Commands.ExpireAbandonedUploads;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CaseManager.Web.FunctionalTests.Security.TwoFactorSteps;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>The app for audit tests: a clock the test can move, and uploads that expire at the next run of the expiry command.</summary>
public class AuditApp : WebTestApp
{
    public AuditApp()
        : this(new SqliteTestDatabase())
    {
    }

    protected AuditApp(TestDatabase database)
        : base(database)
    {
    }

    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Evidence:AbandonedUploadHours", "0");
        builder.UseSetting("Audit:RetentionDays", "365");
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
    }
}

public sealed class PostgresAuditApp() : AuditApp(new PostgresTestDatabase());

/// <summary>
/// The audit log (issue #15 item 3) on SQLite and PostgreSQL: every listed event recorded through the real pages and API,
/// the chain verified, a row edited in the database reported where it breaks, retention that keeps the chain verifiable,
/// concurrent writers without gaps, the admin page's filters and its CSV export (itself audited).
/// </summary>
public abstract partial class AuditLogTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : AuditApp
{
    [SkippableFact]
    public async Task EveryListedEvent_IsRecorded_AndTheChainVerifies()
    {
        var a = App;
        var email = $"au-{Guid.NewGuid():N}"[..12] + "@web.test";
        var admin = await a.AdminAsync();

        // User and role changes (admin pages).
        (await admin.PostFormAsync("/Admin/Users/Create", new() { ["Input.Email"] = email, ["Input.DisplayName"] = "Audit Person", ["Input.Password"] = WebTestApp.Password, ["Input.Role"] = Roles.Consultant })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var userId = await a.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        (await admin.PostFormAsync($"/Admin/Users/Edit/{userId}", new() { ["Input.DisplayName"] = "Audit Admin", ["Input.Role"] = Roles.Admin, ["Input.Disabled"] = "false" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync($"/Admin/Users/Edit/{userId}", new() { ["Input.DisplayName"] = "Audit Admin", ["Input.Role"] = Roles.Consultant, ["Input.Disabled"] = "false" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Sign-in failure, success, sign-out.
        (await a.NewClientFrom("203.0.113.5").PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "Wrong!Passw0rd-x" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var person = await a.SignedInClientAsync(email);
        (await person.PostFormAsync("/Account/Logout", new(), "/Cases")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Two-factor: enable, recovery-code use, disable.
        person = await a.SignedInClientAsync(email);
        var (key, codes) = await EnrolAsync(person);
        var second = a.NewClient();
        await PasswordAsync(second, email);
        (await RecoveryAsync(second, codes[0])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await second.PostFormAsync("/Account/TwoFactor?handler=Disable", new() { ["Code"] = TestTotp.Code(key, TestTotp.StepNow() + 1) }, "/Account/TwoFactor")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // A client views a case.
        var clientUser = await a.SignedInClientAsync(a.ClientUserAEmail);
        (await clientUser.GetAsync($"/Portal/Cases/Details/{a.CaseA}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Evidence download.
        var bytes = "GIF89a audit test evidence"u8.ToArray();
        var upload = await a.AsSystemAsync(s => s.Send(new BeginEvidenceUploadCommand(a.CaseA, "audit.bin", bytes.Length)));
        await a.AsSystemAsync(s => s.Send(new AppendEvidenceChunkCommand(upload, 0, new MemoryStream(bytes))));
        var evidenceId = await a.AsSystemAsync(s => s.Send(new CompleteEvidenceUploadCommand(upload, "test")));
        var download = await second.PostFormAsync($"/Cases/Evidence/Details/{evidenceId}?handler=Download", new() { ["reason"] = "audit test" }, $"/Cases/Evidence/Details/{evidenceId}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);

        // Deletion: an abandoned upload expires (Evidence:AbandonedUploadHours = 0 here).
        var abandoned = await a.AsSystemAsync(s => s.Send(new BeginEvidenceUploadCommand(a.CaseA, "abandoned.bin", 10)));
        (await a.AsSystemAsync(s => s.Send(new ExpireAbandonedUploadsCommand()))).ShouldBeGreaterThanOrEqualTo(1);

        // API keys: creation, use, revocation, use after revocation.
        var created = await second.PostFormAsync("/Account/ApiKeys?handler=Create", new() { ["Name"] = "audit key", ["Kind"] = "read", ["ExpiresInDays"] = "30" }, "/Account/ApiKeys");
        var token = NewToken().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        token.ShouldStartWith("cmk_");
        var api = a.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.GetAsync($"/api/evidence/cases/{a.CaseA}/status")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var keyId = await a.InDbAsync(db => db.ApiKeys.Where(k => k.Name == "audit key" && k.UserId == userId).Select(k => k.Id).SingleAsync());
        (await second.PostFormAsync($"/Account/ApiKeys?handler=Revoke&id={keyId}", new(), "/Account/ApiKeys")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.GetAsync($"/api/evidence/cases/{a.CaseA}/status")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Exports of a case's IOC register and timeline.
        (await admin.GetAsync($"/api/cases/{a.CaseA}/indicators?format=stix")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync($"/Cases/Timeline/Index/{a.CaseA}?handler=Csv")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Export of the audit log itself.
        var csv = await admin.GetAsync("/Admin/Audit?handler=Csv&actor=" + Uri.EscapeDataString(email));
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");

        var rows = await a.InDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        void Has(string type, Func<AuditEntry, bool> match) =>
            rows.Any(e => e.EventType == type && match(e)).ShouldBeTrue($"{type} recorded ({a.Database.Provider})");

        Has(AuditEventTypes.UserCreated, e => e.Target == "user:" + email && e.Actor == TestApp.AdminEmail);
        Has(AuditEventTypes.UserRoleChanged, e => e.Target == "user:" + email && e.Details == "role Consultant → Admin");
        Has(AuditEventTypes.UserUpdated, e => e.Target == "user:" + email && e.Details.Contains("Audit Admin", StringComparison.Ordinal));
        Has(AuditEventTypes.SignInFailed, e => e.Actor == email && e.IpAddress == "203.0.113.5");
        Has(AuditEventTypes.SignInSucceeded, e => e.Actor == email && e.Details == "password");
        Has(AuditEventTypes.SignedOut, e => e.Actor == email);
        Has(AuditEventTypes.TwoFactorEnabled, e => e.Actor == email);
        Has(AuditEventTypes.RecoveryCodeUsed, e => e.Actor == email);
        Has(AuditEventTypes.SignInSucceeded, e => e.Actor == email && e.Details == "password + recovery code");
        Has(AuditEventTypes.TwoFactorDisabled, e => e.Actor == email);
        Has(AuditEventTypes.CaseViewedByClient, e => e.Actor == a.ClientUserAEmail && e.Target == "case:" + a.CaseA);
        Has(AuditEventTypes.EvidenceDownloaded, e => e.Actor == email && e.Target == "evidence:" + evidenceId && e.Details.Contains("audit test", StringComparison.Ordinal));
        Has(AuditEventTypes.Deleted, e => e.Target == "upload:" + abandoned && e.Actor == "system");
        Has(AuditEventTypes.ApiKeyCreated, e => e.Actor == email && e.Target == "apikey:" + keyId);
        Has(AuditEventTypes.ApiKeyUsed, e => e.Actor == email && e.Target == "apikey:" + keyId);
        Has(AuditEventTypes.ApiKeyRevoked, e => e.Actor == email && e.Target == "apikey:" + keyId);
        Has(AuditEventTypes.ApiKeyRejected, e => e.Target == "apikey:" + keyId);
        Has(AuditEventTypes.AuditExported, e => e.Actor == TestApp.AdminEmail && e.Details.Contains(email, StringComparison.Ordinal));
        Has(AuditEventTypes.Exported, e => e.Actor == TestApp.AdminEmail && e.Target == "case:" + a.CaseA && e.Details.StartsWith("IOC export", StringComparison.Ordinal) && e.Details.Contains("Stix", StringComparison.Ordinal));
        Has(AuditEventTypes.Exported, e => e.Actor == TestApp.AdminEmail && e.Target == "case:" + a.CaseA && e.Details.StartsWith("timeline export", StringComparison.Ordinal));

        var report = await VerifyAsync(a);
        report.Intact.ShouldBeTrue($"chain breaks at {report.Break?.Sequence} ({report.Break?.Reason})");
        report.Verified.ShouldBe(rows.Count);
        rows.Select(r => r.Sequence).ShouldBe(Enumerable.Range(1, rows.Count).Select(i => (long)i + report.AnchorSequence));
    }

    [SkippableFact]
    public async Task RowEditedInTheDatabase_VerificationReportsWhereTheChainBreaks()
    {
        var a = App;
        await RecordAsync(a, 5, "tamper");
        var victim = await a.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Target == "tamper:2").SingleAsync());
        (await VerifyAsync(a)).Intact.ShouldBeTrue();
        try
        {
            await a.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Details\" = {"edited by hand"} WHERE \"Sequence\" = {victim.Sequence}"));

            var report = await VerifyAsync(a);
            report.Intact.ShouldBeFalse();
            report.Break!.Sequence.ShouldBe(victim.Sequence);
            report.Break.Reason.ShouldBe(AuditChainBreakReason.Altered);
            report.Verified.ShouldBe(victim.Sequence - 1 - report.AnchorSequence);

            var page = await (await a.AdminAsync()).GetStringAsync("/Admin/Audit?handler=Verify");
            page.ShouldContain("data-intact=\"false\"");
            page.ShouldContain($"data-broken-at=\"{victim.Sequence}\"");
            page.ShouldContain($"The chain is BROKEN at entry {victim.Sequence}");

            // A row taken out of the chain (here: moved far away, so the test can put it back) is reported as a gap.
            await a.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Details\" = {victim.Details} WHERE \"Sequence\" = {victim.Sequence}"));
            (await VerifyAsync(a)).Intact.ShouldBeTrue("restored");
            var removed = await a.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Target == "tamper:4").SingleAsync());
            await a.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Sequence\" = {removed.Sequence + 1_000_000_000} WHERE \"Sequence\" = {removed.Sequence}"));
            try
            {
                var gap = await VerifyAsync(a);
                gap.Break!.Sequence.ShouldBe(removed.Sequence);
                gap.Break.Reason.ShouldBe(AuditChainBreakReason.Missing);

                // A pruning run never hides a break.
                a.Clock.Offset = TimeSpan.FromDays(400);
                (await a.AsSystemAsync(s => s.Send(new PruneAuditLogCommand()))).RefusedBecauseBroken.ShouldBeTrue();
            }
            finally
            {
                a.Clock.Offset = TimeSpan.Zero;
                await a.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Sequence\" = {removed.Sequence} WHERE \"Sequence\" = {removed.Sequence + 1_000_000_000}"));
            }
        }
        finally
        {
            await a.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Details\" = {victim.Details} WHERE \"Sequence\" = {victim.Sequence}"));
        }

        (await VerifyAsync(a)).Intact.ShouldBeTrue("restored");
        await Should.ThrowAsync<InvalidOperationException>(() => a.InDbAsync(async db =>
        {
            var row = await db.AuditEntries.FirstAsync();
            db.Entry(row).Property(e => e.Details).CurrentValue = "changed through EF";
            return await db.SaveChangesAsync();
        }));
    }

    [SkippableFact]
    public async Task Retention_PrunesOldRowsFromTheFront_AndWhatRemainsStillVerifiesFromTheAnchor()
    {
        var a = App;
        await RecordAsync(a, 3, "old");
        var before = await a.InDbAsync(db => db.AuditEntries.CountAsync());
        var lastOld = await a.InDbAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        a.Clock.Offset = TimeSpan.FromDays(400); // a year and more later
        try
        {
            await RecordAsync(a, 2, "new");
            var result = await a.AsSystemAsync(s => s.Send(new PruneAuditLogCommand()));

            result.RefusedBecauseBroken.ShouldBeFalse();
            result.Deleted.ShouldBe(before);
            result.AnchorSequence.ShouldBe(lastOld);
            var remaining = await a.InDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
            remaining.Select(e => e.Target).ShouldBe(["new:1", "new:2", "audit"]);
            remaining.Last().EventType.ShouldBe(AuditEventTypes.AuditPruned);
            var anchor = await a.InDbAsync(db => db.AuditAnchors.SingleAsync());
            remaining[0].PreviousHash.ShouldBe(anchor.Hash);

            var report = await VerifyAsync(a);
            report.Intact.ShouldBeTrue($"breaks at {report.Break?.Sequence} {report.Break?.Reason}");
            report.AnchorSequence.ShouldBe(lastOld);
            report.Verified.ShouldBe(3);

            // Editing the anchor's successor is still caught.
            await a.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Actor\" = {"someone else"} WHERE \"Sequence\" = {remaining[0].Sequence}"));
            (await VerifyAsync(a)).Break!.Sequence.ShouldBe(remaining[0].Sequence);
            await a.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Actor\" = {remaining[0].Actor} WHERE \"Sequence\" = {remaining[0].Sequence}"));
            (await VerifyAsync(a)).Intact.ShouldBeTrue();
        }
        finally
        {
            a.Clock.Offset = TimeSpan.Zero;
        }
    }

    [SkippableFact]
    public async Task ConcurrentWriters_GetConsecutiveSequences_AndTheChainVerifies()
    {
        var a = App;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => a.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IAuditLog>().RecordAsync(new AuditEvent("test.concurrent", $"concurrent:{i}") { Actor = "test" });
            return 0;
        })));

        var rows = await a.InDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        rows.Zip(rows.Skip(1)).ShouldAllBe(p => p.Second == p.First + 1);
        (await a.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EventType == "test.concurrent"))).ShouldBe(16);
        (await VerifyAsync(a)).Intact.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task AdminPage_Filters_Pages_AndExportsCsv_WhichIsItselfAudited()
    {
        var a = App;
        var tag = "flt" + Guid.NewGuid().ToString("N")[..8];
        await RecordAsync(a, 60, tag, actor: tag + "@x.test", type: "test.filter");
        var admin = await a.AdminAsync();

        var page1 = await admin.GetStringAsync($"/Admin/Audit?type=test.filter&q={tag}");
        page1.ShouldContain("60 entries");
        page1.ShouldContain($"{tag}:60");
        page1.ShouldNotContain($"{tag}:1<");
        page1.ShouldContain("Page 1 of 2");
        (await admin.GetStringAsync($"/Admin/Audit?type=test.filter&q={tag}&p=2")).ShouldContain($"{tag}:1<");
        (await admin.GetStringAsync($"/Admin/Audit?actor={tag}")).ShouldContain("60 entries");
        (await admin.GetStringAsync($"/Admin/Audit?actor={tag}&type=signin.success")).ShouldContain("No audit entries match.");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await admin.GetStringAsync($"/Admin/Audit?actor={tag}&from={today}&to={today}")).ShouldContain("60 entries");
        (await admin.GetStringAsync($"/Admin/Audit?actor={tag}&to=2000-01-01")).ShouldContain("No audit entries match.");
        (await admin.GetAsync("/Admin/Audit?from=not-a-date&p=-4")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var csv = await admin.GetStringAsync($"/Admin/Audit?handler=Csv&actor={tag}");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("sequence,at_utc,actor,event_type,target,details,ip_address,previous_hash,hash");
        lines.Length.ShouldBe(61);
        lines[1].ShouldContain($"{tag}:1,");
        lines[1].ShouldContain("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\"", customMessage: "formulas are defused and quotes escaped");
        (await a.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.EventType == AuditEventTypes.AuditExported && e.Details.Contains(tag)))).ShouldBeTrue();
        (await (await a.SignedInClientAsync(a.ConsultantEmail)).GetAsync("/Admin/Audit?handler=Csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static Task RecordAsync(TApp app, int count, string target, string actor = "test", string type = "test.event") =>
        app.InScopeAsync(async sp =>
        {
            var audit = sp.GetRequiredService<IAuditLog>();
            for (var i = 1; i <= count; i++)
            {
                await audit.RecordAsync(new AuditEvent(type, $"{target}:{i}", "=cmd|' /C calc'!A0, \"quoted\"") { Actor = actor, IpAddress = "192.0.2.1" });
            }

            return 0;
        });

    private static Task<AuditChainReport> VerifyAsync(TApp app) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaseManager.Application.Common.Interfaces.IApplicationDbContext>();
            return await AuditChain.VerifyAsync(db, long.MaxValue, CancellationToken.None);
        });

    [GeneratedRegex("<code id=\"new-token\" class=\"mono\">(cmk_[^<]+)</code>")]
    private static partial Regex NewToken();
}

public sealed class AuditLogOnSqliteTests(AuditApp app) : AuditLogTests<AuditApp>(app), IClassFixture<AuditApp>;

public sealed class AuditLogOnPostgresTests(PostgresAuditApp app) : AuditLogTests<PostgresAuditApp>(app), IClassFixture<PostgresAuditApp>;
