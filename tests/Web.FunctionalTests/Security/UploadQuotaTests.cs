using System.Net;
using CaseManager.Application.Evidence.Commands.ExpireAbandonedUploads;
using CaseManager.Domain.Identity;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>Small quotas: 1,000,000 pending bytes per user, 1,500,000 per case.</summary>
public class UploadQuotaApp : WebTestApp
{
    public UploadQuotaApp()
        : this(new SqliteTestDatabase())
    {
    }

    protected UploadQuotaApp(TestDatabase database)
        : base(database)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Evidence:MaxPendingBytesPerUser", "1000000");
        builder.UseSetting("Evidence:MaxPendingBytesPerCase", "1500000");
    }
}

public sealed class PostgresUploadQuotaApp : UploadQuotaApp
{
    public PostgresUploadQuotaApp()
        : base(new PostgresTestDatabase())
    {
    }
}

/// <summary>
/// Probe finding (medium): 200 parallel begin-upload calls declaring 20 GiB each all succeeded; pending uploads had no
/// quota, no shared reservation, and never expired. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class UploadQuotaTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : UploadQuotaApp
{
    [SkippableFact]
    public async Task ParallelBeginUploads_StopAtTheUserQuota_ThenAtTheCaseQuota()
    {
        var first = $"quota1-{Guid.NewGuid():N}@web.test";
        var second = $"quota2-{Guid.NewGuid():N}@web.test";
        await App.CreateUserAsync(first, Roles.Consultant, null);
        await App.CreateUserAsync(second, Roles.Consultant, null);
        var caseId = await NewCaseAsync();
        var client = await App.SignedInClientAsync(first);
        var token = await Uploads.TokenAsync(client, caseId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Uploads.BeginAsync(client, token, caseId, $"part{i}.bin", 100_000)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(10, "1,000,000 bytes per user / 100,000 each");
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).ShouldAllBe(a => a.StatusCode == HttpStatusCode.BadRequest);
        (await answers.First(a => a.StatusCode != HttpStatusCode.OK).Content.ReadAsStringAsync()).ShouldContain("quota");

        var other = await App.SignedInClientAsync(second);
        var otherToken = await Uploads.TokenAsync(other, caseId);
        var more = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Uploads.BeginAsync(other, otherToken, caseId, $"more{i}.bin", 100_000)));
        more.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(5, "1,500,000 bytes per case");
        (await Uploads.BeginAsync(other, otherToken, await NewCaseAsync(), "elsewhere.bin", 100_000)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task FinishingAnUpload_GivesItsQuotaBack()
    {
        var email = $"quota3-{Guid.NewGuid():N}@web.test";
        await App.CreateUserAsync(email, Roles.Consultant, null);
        var caseId = await NewCaseAsync();
        var client = await App.SignedInClientAsync(email);
        var token = await Uploads.TokenAsync(client, caseId);
        var bytes = new byte[1_000_000];
        Random.Shared.NextBytes(bytes);

        var uploadId = await Uploads.UploadIdAsync(await Uploads.BeginAsync(client, token, caseId, "all.bin", bytes.Length));
        (await Uploads.BeginAsync(client, token, caseId, "one-more.bin", 1)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Uploads.PutAsync(client, token, uploadId, 0, new ByteArrayContent(bytes))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Uploads.CompleteAsync(client, token, uploadId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Uploads.BeginAsync(client, token, caseId, "one-more.bin", 1)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task ExpiryJob_KeepsFreshUploads_AndIsScheduledEveryHour()
    {
        var client = await App.SignedInClientAsync(App.ConsultantEmail);
        var caseId = await NewCaseAsync();
        var token = await Uploads.TokenAsync(client, caseId);
        var uploadId = await Uploads.UploadIdAsync(await Uploads.BeginAsync(client, token, caseId, "fresh.bin", 10));

        var expired = await App.AsSystemAsync(s => s.Send(new ExpireAbandonedUploadsCommand()));

        expired.ShouldBe(0);
        (await client.GetAsync($"/api/evidence/uploads/{uploadId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var connection = App.Services.GetRequiredService<JobStorage>().GetConnection();
        connection.GetRecurringJobs().ShouldContain(j => j.Id == "expire-abandoned-uploads");
    }

    private Task<Guid> NewCaseAsync() => App.AsSystemAsync(s => s.Send(new CaseManager.Application.Cases.Commands.OpenCase.OpenCaseCommand(
        App.ClientA, "Quota case", null, CaseManager.Domain.Cases.Severity.Low, CaseManager.Domain.Cases.TrafficLightProtocol.Green)));
}

public sealed class SqliteUploadQuotaTests(UploadQuotaApp app) : UploadQuotaTests<UploadQuotaApp>(app), IClassFixture<UploadQuotaApp>;

public sealed class PostgresUploadQuotaTests(PostgresUploadQuotaApp app) : UploadQuotaTests<PostgresUploadQuotaApp>(app), IClassFixture<PostgresUploadQuotaApp>;

/// <summary>Quotas out of the way, nothing kept free: only the disk limits, and abandoned uploads expire at once.</summary>
public sealed class DiskReservationApp : WebTestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Evidence:MaxUploadBytes", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Evidence:MaxPendingBytesPerUser", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Evidence:MaxPendingBytesPerCase", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Evidence:ReservedFreeBytes", "0");
        builder.UseSetting("Evidence:AbandonedUploadHours", "0");
    }
}

public sealed class DiskReservationTests(DiskReservationApp app) : IClassFixture<DiskReservationApp>
{
    [Fact]
    public async Task ParallelBeginUploads_ReserveDiskSpace_SoTheyCannotPromiseMoreThanIsFree()
    {
        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await Uploads.TokenAsync(client, app.CaseA);
        var free = new DriveInfo(Path.Combine(app.Database.DataDirectory)).AvailableFreeSpace;
        var each = free / 5 * 2;

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Uploads.BeginAsync(client, token, app.CaseA, $"huge{i}.raw", each)));

        var accepted = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        accepted.ShouldBeInRange(1, 2, "two fifths of the free space each: at most two fit");
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).ShouldAllBe(a => a.StatusCode == HttpStatusCode.InsufficientStorage);
    }

    [Fact]
    public async Task ExpiryJob_DeletesAbandonedUploads_AndTheirBytes()
    {
        var client = await app.SignedInClientAsync(app.ConsultantEmail);
        var token = await Uploads.TokenAsync(client, app.CaseB);
        var uploadId = await Uploads.UploadIdAsync(await Uploads.BeginAsync(client, token, app.CaseB, "abandoned.bin", 10));
        (await Uploads.PutAsync(client, token, uploadId, 0, new ByteArrayContent([1, 2, 3]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var part = Directory.GetFiles(app.Database.DataDirectory, uploadId.ToString("N") + ".part", SearchOption.AllDirectories).ShouldHaveSingleItem();

        var expired = await app.AsSystemAsync(s => s.Send(new ExpireAbandonedUploadsCommand()));

        expired.ShouldBeGreaterThanOrEqualTo(1);
        File.Exists(part).ShouldBeFalse();
        (await client.GetAsync($"/api/evidence/uploads/{uploadId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.PendingUploads.IgnoreQueryFilters().CountAsync(u => u.Id == uploadId))).ShouldBe(0);
    }
}
