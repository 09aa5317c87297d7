using System.Security.Cryptography;
using CaseManager.Application.Cases.Commands.AllowClientUploads;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Portal.Queries.ListMyEvidence;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Application.Evidence.Commands.DescribeEvidence;
using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Application.Intake.Queries.GetIntake;
using CaseManager.Domain.Intake;
using CaseManager.Application.Evidence.Commands.DownloadEvidence;
using CaseManager.Application.Evidence.Commands.RetryAnalysis;
using CaseManager.Application.Evidence.Queries.GetEvidence;
using CaseManager.Application.Evidence.Queries.ListEvidence;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.BackgroundJobs;
using CaseManager.Infrastructure.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseManager.Application.FunctionalTests.Evidence;

/// <summary>
/// The evidence pipeline through the real host: chunked upload → register with hashes and custody →
/// Hangfire analysis job on the real job storage → findings and indicators on the item.
/// </summary>
public abstract class EvidenceTestBase<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    protected const string MiningCapture = "nesfit_xmr.suprnova.cc.pcapng";

    protected static byte[] UniqueBytes() => System.Text.Encoding.UTF8.GetBytes($"evidence {Guid.NewGuid()} {new string('x', 200)}\n");

    protected async Task<Guid> NewCaseAsync()
    {
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Evidence"), null, null, []));
        return await App.SendAsync(new OpenCaseCommand(clientId, "Miner", null, Severity.High, TrafficLightProtocol.Amber));
    }

    protected async Task<Guid> UploadAsync(Guid caseId, string name, byte[] bytes, int chunk = 1 << 20)
    {
        var uploadId = await App.SendAsync(new BeginEvidenceUploadCommand(caseId, name, bytes.Length));
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            var length = Math.Min(chunk, bytes.Length - offset);
            (await App.SendAsync(new AppendEvidenceChunkCommand(uploadId, offset, new MemoryStream(bytes, offset, length)))).ShouldBe(offset + length);
        }

        return await App.SendAsync(new CompleteEvidenceUploadCommand(uploadId, "functional test"));
    }

    /// <summary>Runs the analysis job's command directly, as the job does (the system acting).</summary>
    protected Task AnalyseAsync(Guid evidenceId) =>
        App.InScopeAsync(async sp =>
        {
            await ActivatorUtilities.CreateInstance<EvidenceAnalysisJob>(sp).RunAsync(evidenceId, CancellationToken.None);
            return 0;
        });
}

public abstract class EvidenceTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{

    [SkippableFact]
    public async Task Reanalysis_AfterACrashedRun_ReplacesResultsAndNeverDuplicatesThem()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, MiningCapture, await File.ReadAllBytesAsync(TestData.Pcap(MiningCapture)), chunk: 4096);
        await AnalyseAsync(evidenceId);
        var first = await App.SendAsync(new GetEvidenceQuery(evidenceId));

        // A worker killed mid-run leaves the item "Running" and possibly rows of its own; Hangfire runs the job again.
        await App.InDbAsync(async db =>
        {
            var item = await db.Evidence.SingleAsync(e => e.Id == new EvidenceId(evidenceId));
            item.StartAnalysis("traffic");
            db.EvidenceFindings.Add(new EvidenceFinding(item.Id, item.AnalysisRun, "test.half-written", Domain.Evidence.FindingSeverity.Low, "[]", null, null));
            return await db.SaveChangesAsync();
        });
        await AnalyseAsync(evidenceId);

        var second = await App.SendAsync(new GetEvidenceQuery(evidenceId));
        second.Run.ShouldBe(3);
        second.Findings.Count.ShouldBe(first.Findings.Count);
        second.Findings.ShouldNotContain(f => f.Code == "test.half-written");
        second.Indicators.Count.ShouldBe(first.Indicators.Count);
        var rowsOfOlderRuns = await App.InDbAsync(db => db.EvidenceFindings.CountAsync(f => f.EvidenceId == new EvidenceId(evidenceId) && f.Run != 3));
        rowsOfOlderRuns.ShouldBe(0);
    }

    [SkippableFact]
    public async Task KindWithoutAnalyser_EndsAsNoAnalyser_NotAsAFailure()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "auth.log", "Nov 28 03:12:01 web01 sshd[811]: Failed password for root from 203.0.113.9 port 52122 ssh2\n"u8.ToArray());

        await AnalyseAsync(evidenceId);

        var item = await App.SendAsync(new GetEvidenceQuery(evidenceId));
        (item.Kind, item.Status).ShouldBe((EvidenceKind.LogText, AnalysisStatus.NoAnalyser));
    }

    [SkippableFact]
    public async Task Retry_QueuesAnotherRun()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "pings.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_icmp-5-pings.pcap")));
        await AnalyseAsync(evidenceId);

        await App.SendAsync(new RetryEvidenceAnalysisCommand(evidenceId));

        (await App.SendAsync(new GetEvidenceQuery(evidenceId))).Status.ShouldBe(AnalysisStatus.Queued);
        await AnalyseAsync(evidenceId);
        (await App.SendAsync(new GetEvidenceQuery(evidenceId))).Run.ShouldBe(2);
    }

    [SkippableFact]
    public async Task Download_RecordsWhoAndWhy_AndIsRefusedWhenTheFileWasAlteredOnDisk()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "notes.txt", UniqueBytes());

        var download = await App.SendAsync(new DownloadEvidenceCommand(evidenceId, "share with CERT"));
        await download.Content.DisposeAsync();
        var item = await App.SendAsync(new GetEvidenceQuery(evidenceId));
        item.Custody[^1].Action.ShouldBe(CustodyAction.Downloaded);
        (item.Custody[^1].Details, item.Custody[^1].Actor).ShouldBe(("share with CERT", TestUser.Consultant.Name));

        var path = StoredPath(item.Sha256);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using (var file = File.OpenWrite(path))
        {
            file.Position = 40;
            file.WriteByte(0xFF);
        }

        await Should.ThrowAsync<EvidenceIntegrityException>(() => App.SendAsync(new DownloadEvidenceCommand(evidenceId, "again")));
        (await App.SendAsync(new GetEvidenceQuery(evidenceId))).Custody.Count.ShouldBe(item.Custody.Count);
    }

    [SkippableFact]
    public async Task CustodyChain_EditedInTheDatabase_IsReportedBroken()
    {
        var caseId = await NewCaseAsync();
        var evidenceId = await UploadAsync(caseId, "notes.txt", UniqueBytes());
        var download = await App.SendAsync(new DownloadEvidenceCommand(evidenceId, "first look"));
        await download.Content.DisposeAsync();

        await App.InDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE evidence_custody SET \"Actor\" = 'mallory' WHERE \"Sequence\" = 1 AND \"EvidenceId\" = {0}", evidenceId));

        (await App.SendAsync(new GetEvidenceQuery(evidenceId))).BrokenCustodyAt.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Describe_AttributesTheItemToAnIntakeHost_AndRefusesHostsOfNoIntake()
    {
        var caseId = await NewCaseAsync();
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Hosts = [new AffectedHost(Guid.Empty, "web01", ["10.0.0.7"])] }, null, Submit: false));
        var hostId = (await App.SendAsync(new GetIntakeQuery(caseId))).Data.Hosts.Single().Id;
        var evidenceId = await UploadAsync(caseId, "notes.txt", UniqueBytes());
        var acquired = new DateTimeOffset(2026, 11, 27, 22, 5, 0, TimeSpan.Zero);

        await App.SendAsync(new DescribeEvidenceCommand(evidenceId, hostId, "Li (client IT)", acquired, "dd of /dev/sda1"));

        var item = await App.SendAsync(new GetEvidenceQuery(evidenceId));
        (item.HostId, item.AcquiredBy, item.AcquiredAt, item.Notes).ShouldBe(((Guid?)hostId, "Li (client IT)", (DateTimeOffset?)acquired, "dd of /dev/sda1"));
        item.CaseHosts.ShouldHaveSingleItem().Label.ShouldBe("web01 10.0.0.7");
        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new DescribeEvidenceCommand(evidenceId, Guid.NewGuid(), null, null, null)));
        ex.Errors.ShouldContainKey("HostId");
    }

    [SkippableFact]
    public async Task ClientUser_UploadsOnlyToOwnCaseAndOnlyWhereAllowed()
    {
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Uploader"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Client hands over logs", null, Severity.Low, TrafficLightProtocol.Green));
        var otherCase = await NewCaseAsync();
        var clientUser = TestUser.ClientOf(clientId);

        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new BeginEvidenceUploadCommand(caseId, "auth.log", 10), clientUser));
        await App.SendAsync(new AllowClientUploadsCommand(caseId, true));
        await App.SendAsync(new AllowClientUploadsCommand(otherCase, true));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new BeginEvidenceUploadCommand(otherCase, "auth.log", 10), clientUser));

        var bytes = UniqueBytes();
        var uploadId = await App.SendAsync(new BeginEvidenceUploadCommand(caseId, "auth.log", bytes.Length), clientUser);
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new AppendEvidenceChunkCommand(uploadId, 0, new MemoryStream(bytes)), TestUser.ClientOf(Guid.NewGuid())));
        await App.SendAsync(new AppendEvidenceChunkCommand(uploadId, 0, new MemoryStream(bytes)), clientUser);
        var evidenceId = await App.SendAsync(new CompleteEvidenceUploadCommand(uploadId, "client portal"), clientUser);

        var mine = await App.SendAsync(new ListMyEvidenceQuery(caseId), clientUser);
        mine.Items.ShouldHaveSingleItem().Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        (await App.SendAsync(new GetEvidenceQuery(evidenceId))).Custody[0].Actor.ShouldBe(clientUser.Name);
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new ListMyEvidenceQuery(otherCase), clientUser));
    }

    [SkippableFact]
    public async Task Upload_BadInput_IsRefusedAndNothingIsRegistered()
    {
        var app = App;
        var caseId = await NewCaseAsync();

        (await Should.ThrowAsync<ValidationException>(() => app.SendAsync(new BeginEvidenceUploadCommand(caseId, "empty.bin", 0)))).Errors.ShouldContainKey("Size");
        (await Should.ThrowAsync<ValidationException>(() => app.SendAsync(new BeginEvidenceUploadCommand(caseId, "../../etc/passwd", 10)))).Errors.ShouldContainKey("FileName");
        (await Should.ThrowAsync<ValidationException>(() => app.SendAsync(new BeginEvidenceUploadCommand(caseId, "bell\a.bin", 10)))).Errors.ShouldContainKey("FileName");
        (await Should.ThrowAsync<ValidationException>(() => app.SendAsync(new BeginEvidenceUploadCommand(caseId, "huge.raw", 21L << 30)))).Errors.ShouldContainKey("Size");
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new BeginEvidenceUploadCommand(Guid.NewGuid(), "x.bin", 10)));
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new BeginEvidenceUploadCommand(caseId, "x.bin", 10), TestUser.ClientOf(Guid.NewGuid())));

        var uploadId = await app.SendAsync(new BeginEvidenceUploadCommand(caseId, "partial.bin", 10));
        await app.SendAsync(new AppendEvidenceChunkCommand(uploadId, 0, new MemoryStream(new byte[4])));
        var mismatch = await Should.ThrowAsync<UploadOffsetMismatchException>(() => app.SendAsync(new AppendEvidenceChunkCommand(uploadId, 0, new MemoryStream(new byte[4]))));
        mismatch.CurrentOffset.ShouldBe(4);
        await Should.ThrowAsync<ValidationException>(() => app.SendAsync(new CompleteEvidenceUploadCommand(uploadId, "test")));

        (await app.SendAsync(new ListEvidenceQuery(caseId))).ShouldBeEmpty();
    }

    private string StoredPath(string sha256)
    {
        var root = App.Services.GetRequiredService<IOptions<EvidenceStorageOptions>>().Value.RootDirectory;
        return Directory.EnumerateFiles(Path.Combine(root, "objects"), sha256, SearchOption.AllDirectories).Single();
    }
}

public sealed class EvidenceOnSqliteTests(SqliteApp app) : EvidenceTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class EvidenceOnPostgresTests(PostgresApp app) : EvidenceTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>The end-to-end test with a real Hangfire worker in the host (the other tests run the job themselves).</summary>
public abstract class EvidenceJobTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task Upload_ARealCapture_IsRegisteredWithHashesAndAnalysedByTheJob()
    {
        var caseId = await NewCaseAsync();
        var bytes = await File.ReadAllBytesAsync(TestData.Pcap(MiningCapture));

        using var probe = new JobProbe(typeof(EvidenceAnalysisJob));
        var evidenceId = await UploadAsync(caseId, MiningCapture, bytes, chunk: 1000);
        await probe.PerformedFor(evidenceId).WaitAsync(TimeSpan.FromSeconds(60));

        var item = await App.SendAsync(new GetEvidenceQuery(evidenceId));
        (item.Kind, item.Size).ShouldBe((EvidenceKind.Pcapng, bytes.LongLength));
        item.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        item.Sha1.ShouldBe(Convert.ToHexStringLower(SHA1.HashData(bytes)));
        item.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(bytes)));
        item.Status.ShouldBeOneOf(AnalysisStatus.Succeeded, AnalysisStatus.SucceededWithWarnings);
        item.Run.ShouldBe(1);
        item.Analyser.ShouldBe("traffic");
        item.Custody[^1].Details.ShouldMatch(@"by traffic \d+\.\d+\.\d+");
        item.Indicators.ShouldContain(i => i.Type == Domain.Evidence.IndicatorType.Ip && i.Value == "37.59.21.58");
        item.Indicators.ShouldContain(i => i.Type == Domain.Evidence.IndicatorType.Wallet && i.Value == "kvetak.worker1");
        item.Findings.ShouldContain(f => f.Code.StartsWith("traffic.mining.", StringComparison.Ordinal));
        item.Custody.Select(c => c.Action).ShouldBe([CustodyAction.Received, CustodyAction.Analysed]);
        item.Custody[0].Details.ShouldContain(item.Sha256);
        item.BrokenCustodyAt.ShouldBeNull();
    }
}

public sealed class EvidenceJobOnSqliteTests(SqliteWorkerApp app) : EvidenceJobTests<SqliteWorkerApp>(app), IClassFixture<SqliteWorkerApp>;

public sealed class EvidenceJobOnPostgresTests(PostgresWorkerApp app) : EvidenceJobTests<PostgresWorkerApp>(app), IClassFixture<PostgresWorkerApp>;
